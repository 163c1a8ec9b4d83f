// Random and mutated bytes must always give a report: no exception, no hang (bounded, seeded).
import { recordsToCsv } from './records';
import { FILE_TYPES } from './spec-data';
import { buildBundle, buildFile, fixtureFileName } from './testing/fixtures';
import type { BundleFile, FileReport } from './types';
import { validateBundle, validateFile } from './validate';

/** mulberry32: small seeded PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Bytes that matter to CSV and MS932 parsing, drawn more often than the rest.
const INTERESTING = [
  0x22, 0x2c, 0x0d, 0x0a, 0x81, 0x82, 0x9f, 0xe0, 0xef, 0xf0, 0xfc, 0x80, 0xa0, 0xff, 0x00, 0x40, 0x7f,
];

function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
  const bytes = Array.from(src);
  const edits = 1 + Math.floor(rnd() * 8);
  for (let e = 0; e < edits; e++) {
    const pos = Math.floor(rnd() * (bytes.length + 1));
    const b = rnd() < 0.6 ? INTERESTING[Math.floor(rnd() * INTERESTING.length)] : Math.floor(rnd() * 256);
    const op = rnd();
    if (op < 0.4) bytes[pos] = b;
    else if (op < 0.7) bytes.splice(pos, 0, b);
    else if (op < 0.9) bytes.splice(pos, 1 + Math.floor(rnd() * 20));
    else bytes.splice(pos, 0, ...bytes.slice(0, Math.floor(rnd() * 200)));
  }
  return Uint8Array.from(bytes);
}

function expectReport(r: FileReport): void {
  expect(typeof r.name).toBe('string');
  expect(r.errorCount + r.warningCount).toBeGreaterThanOrEqual(r.issues.length);
  expect(r.issues.length).toBeLessThanOrEqual(200);
  for (const i of r.issues) {
    expect(i.message.ja.length).toBeGreaterThan(0);
    expect(i.message.en.length).toBeGreaterThan(0);
    expect(i.message.en).not.toMatch(/\{\w+\}/);
  }
}

describe('fuzz', () => {
  const seeds: BundleFile[] = FILE_TYPES.map((t) => buildFile(t.id));

  it('mutated valid files always give a report', () => {
    const rnd = prng(20250425);
    const started = Date.now();
    for (let i = 0; i < 600; i++) {
      const seed = seeds[i % seeds.length];
      const file = { name: seed.name, bytes: mutate(seed.bytes, rnd) };
      expectReport(validateFile(file));
    }
    expect(Date.now() - started).toBeLessThan(20000);
  });

  it('random bytes under every file name give a report', () => {
    const rnd = prng(7);
    for (let i = 0; i < 300; i++) {
      const len = Math.floor(rnd() * 2000);
      const bytes = Uint8Array.from({ length: len }, () =>
        rnd() < 0.3 ? INTERESTING[Math.floor(rnd() * INTERESTING.length)] : Math.floor(rnd() * 256),
      );
      const name = i % 10 === 0 ? `UPPLAN_${i}.CSV` : fixtureFileName(FILE_TYPES[i % FILE_TYPES.length].id);
      expectReport(validateFile({ name, bytes }));
    }
  });

  it('mutated bundles give a report for every file', () => {
    const rnd = prng(99);
    const bundle = [...buildBundle('plan'), ...buildBundle('careplan')];
    for (let i = 0; i < 60; i++) {
      const files = bundle.map((f) => (rnd() < 0.5 ? { name: f.name, bytes: mutate(f.bytes, rnd) } : f));
      const report = validateBundle(files);
      expect(report.files).toHaveLength(files.length);
      report.files.forEach(expectReport);
    }
  });

  it('records with random field text either encode or throw RecordsError', () => {
    const rnd = prng(3);
    for (let i = 0; i < 100; i++) {
      const text = String.fromCharCode(...Array.from({ length: 10 }, () => Math.floor(rnd() * 0x3000)));
      try {
        const bytes = recordsToCsv('UP2KYO', [{ csvVersion: '202407', issue: text }]);
        expectReport(validateFile({ name: fixtureFileName('UP2KYO'), bytes: new Uint8Array(bytes) }));
      } catch (e) {
        expect((e as Error).name).toBe('RecordsError');
      }
    }
  });
});
