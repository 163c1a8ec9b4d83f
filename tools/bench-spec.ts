// Benchmark of @careplan/spec (a script, not a test): `node scripts/build.js && node dist/tools/bench-spec.js`.
// Compares validation with the bare cost of decoding (iconv-lite) and parsing (csv-parse) the same bytes.
// Target: validation at no less than half the bare decode+parse rate.
import { parse } from 'csv-parse/sync';
import { performance } from 'node:perf_hooks';
import * as testing from '@careplan/spec/testing';
import { decodeMs932, recordsToCsv, validateBundle, validateFile, type BundleFile } from '@careplan/spec';

const {
  DEFAULT_PARTIES,
  USERS,
  fixtureFileName,
  hosokuRecords,
  planRecords,
  sikyuRecords,
  buildBundle,
  buildFile,
} = testing;

type User = (typeof USERS)[number];

function makeUsers(n: number): User[] {
  return Array.from({ length: n }, (_, i) => {
    const base = USERS[i % USERS.length];
    return { ...base, insuredNo: String(1000000 + i).padStart(10, '0') };
  });
}

function planFile(rows: number): BundleFile {
  const users = makeUsers(Math.ceil(rows / 8));
  const records = planRecords(users).slice(0, rows);
  if (records.length < rows) throw new Error(`only ${records.length} rows generated`);
  return { name: fixtureFileName('UPPLAN'), bytes: new Uint8Array(recordsToCsv('UPPLAN', records)) };
}

/** A month's mixed bundle: 第6表/第7表/補足 for 400 users, a care plan unit and a 実績 file. */
function monthBundle(): BundleFile[] {
  const users = makeUsers(400);
  return [
    { name: fixtureFileName('UPPLAN'), bytes: new Uint8Array(recordsToCsv('UPPLAN', planRecords(users))) },
    { name: fixtureFileName('UPSIKYU'), bytes: new Uint8Array(recordsToCsv('UPSIKYU', sikyuRecords(users))) },
    {
      name: fixtureFileName('UPHOSOKU'),
      bytes: new Uint8Array(recordsToCsv('UPHOSOKU', hosokuRecords(users, DEFAULT_PARTIES))),
    },
    ...buildBundle('careplan'),
    buildFile('UPJSK'),
  ];
}

function bare(files: readonly BundleFile[]): number {
  let rows = 0;
  for (const f of files) {
    const records = parse(decodeMs932(f.bytes), { relax_column_count: true }) as unknown[];
    rows += records.length;
  }
  return rows;
}

/** Median milliseconds of fn over the runs, after warm-up. */
function time(fn: () => void, runs: number): number {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

interface Line {
  case: string;
  what: string;
  ms: number;
  rowsPerSec: number;
  mbPerSec: number;
}

function line(name: string, what: string, ms: number, rows: number, bytes: number): Line {
  return {
    case: name,
    what,
    ms: Number(ms.toFixed(2)),
    rowsPerSec: Math.round((rows / ms) * 1000),
    mbPerSec: Number((bytes / 1e6 / (ms / 1000)).toFixed(1)),
  };
}

function bench(
  name: string,
  files: BundleFile[],
  validate: () => void,
  runs: number,
): { lines: Line[]; ratio: number } {
  const rows = bare(files);
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
  const tBare = time(() => bare(files), runs);
  const tValidate = time(validate, runs);
  return {
    lines: [
      line(name, 'decode+parse (bare)', tBare, rows, bytes),
      line(name, 'validate', tValidate, rows, bytes),
    ],
    ratio: tBare / tValidate,
  };
}

function main(): void {
  const plan = planFile(10_000);
  const bundle = monthBundle();
  const planReport = validateFile(plan);
  const bundleReport = validateBundle(bundle);
  if (planReport.errorCount > 0 || !bundleReport.ok) throw new Error('benchmark inputs are not valid files');
  const a = bench('UPPLAN 10,000 rows', [plan], () => validateFile(plan), 15);
  const b = bench('month bundle', bundle, () => validateBundle(bundle), 15);
  console.table([...a.lines, ...b.lines]);
  const target = 0.5;
  for (const [name, r] of [
    ['UPPLAN 10,000 rows', a.ratio],
    ['month bundle', b.ratio],
  ] as const) {
    console.log(
      `${name}: validation runs at ${(r * 100).toFixed(0)}% of the bare decode+parse rate (target ≥ ${target * 100}%) ${r >= target ? 'OK' : 'BELOW TARGET'}`,
    );
  }
}

main();
