import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidationReport } from '@careplan/spec';
import * as testing from '@careplan/spec/testing';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, runValidate, type CliIo } from './validate';

function io(): CliIo & { out: string; err: string } {
  const state = {
    out: '',
    err: '',
    stdout(t: string) {
      state.out += t;
    },
    stderr(t: string) {
      state.err += t;
    },
    readFile: (p: string) => new Uint8Array(readFileSync(p)),
  };
  return state;
}

describe('tools/validate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'spec-validate-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(files: { name: string; bytes: Uint8Array }[]): string[] {
    return files.map((f) => {
      const p = join(dir, f.name);
      writeFileSync(p, f.bytes);
      return p;
    });
  }

  it('prints the report and exits 0 for a valid unit', () => {
    const paths = write(testing.buildBundle('plan'));
    const s = io();
    expect(runValidate([`--sender=${testing.CARE_OFFICE}`, ...paths], s)).toBe(EXIT_OK);
    const report = JSON.parse(s.out) as ValidationReport;
    expect(report.ok).toBe(true);
    expect(report.files.map((f) => f.fileType)).toEqual(['UPPLAN', 'UPSIKYU', 'UPHOSOKU']);
    expect(s.err).toBe('');
  });

  it('exits 1 with the issues when a file has errors', () => {
    const [p] = write([testing.rawFile(testing.fixtureFileName('DLTPLAN'), '202407,131011,0000123456\r\n')]);
    const s = io();
    expect(runValidate([p], s)).toBe(EXIT_INVALID);
    const report = JSON.parse(s.out) as ValidationReport;
    expect(report.files[0].issues[0]).toMatchObject({ code: 'COLUMN_COUNT', row: 1 });
  });

  it('exits 1 when the sender given does not match the names', () => {
    const paths = write(testing.buildBundle('jisseki'));
    const s = io();
    expect(runValidate(['--sender=1311111111', ...paths], s)).toBe(EXIT_INVALID);
    expect(s.out).toContain('FILE_NAME_SENDER_MISMATCH');
  });

  it('exits 2 with a message on stderr when it cannot run', () => {
    const none = io();
    expect(runValidate([], none)).toBe(EXIT_USAGE);
    expect(none.err).toContain('no files');
    expect(none.out).toBe('');
    const missing = io();
    expect(runValidate([join(dir, 'nope.CSV')], missing)).toBe(EXIT_USAGE);
    expect(missing.err).toContain('cannot read');
    const bad = io();
    expect(runValidate(['--frobnicate', 'x'], bad)).toBe(EXIT_USAGE);
  });
});
