import { AppException } from '@careplan/platform';
import { encodeMs932 } from '@careplan/spec';
import { CARE_OFFICE, HOME_HELP_OFFICE, buildBundle } from '@careplan/spec/testing';
import { checkBundleFiles } from './bundle';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppException) return e.code;
    throw e;
  }
  throw new Error('expected an AppException');
};

const csv = () => buildBundle('plan').map((f) => ({ rawName: f.name, bytes: Buffer.from(f.bytes) }));

describe('checkBundleFiles', () => {
  it('classifies standard CSV files and attachments', () => {
    const files = [...csv(), { rawName: 'sub/モニタリング.pdf', bytes: Buffer.from('%PDF-1.4') }];
    const checked = checkBundleFiles(files, CARE_OFFICE, HOME_HELP_OFFICE);
    expect(checked.map((f) => f.kind)).toEqual(['csv', 'csv', 'csv', 'attachment']);
    expect(checked[3]).toMatchObject({ name: 'モニタリング.pdf', contentType: 'application/pdf' });
  });

  it('refuses CSV files that name another sender or receiver', () => {
    expect(code(() => checkBundleFiles(csv(), HOME_HELP_OFFICE, CARE_OFFICE))).toBe(
      'FILE_NAME_SENDER_MISMATCH',
    );
    expect(code(() => checkBundleFiles(csv(), CARE_OFFICE, '1311111111'))).toBe(
      'FILE_NAME_RECEIVER_MISMATCH',
    );
  });

  it('refuses empty bundles, duplicate names and disallowed attachments', () => {
    expect(code(() => checkBundleFiles([], CARE_OFFICE, HOME_HELP_OFFICE))).toBe('FILES_MISSING');
    const twice = [
      { rawName: 'a.txt', bytes: Buffer.from('x') },
      { rawName: 'x/a.txt', bytes: Buffer.from('y') },
    ];
    expect(code(() => checkBundleFiles(twice, CARE_OFFICE, HOME_HELP_OFFICE))).toBe('FILE_NAME_DUPLICATE');
    const exe = [{ rawName: 'tool.exe', bytes: Buffer.from('MZ') }];
    expect(code(() => checkBundleFiles(exe, CARE_OFFICE, HOME_HELP_OFFICE))).toBe(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
    );
    const fake = [{ rawName: 'scan.pdf', bytes: Buffer.from('MZ') }];
    expect(code(() => checkBundleFiles(fake, CARE_OFFICE, HOME_HELP_OFFICE))).toBe(
      'ATTACHMENT_CONTENT_MISMATCH',
    );
  });

  it('refuses a .csv that is no standard file and no text CSV: an EXE named setup.exe.csv or invoice.csv', () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(64)]);
    for (const rawName of ['setup.exe.csv', 'invoice.csv', 'INVOICE.CSV']) {
      expect(code(() => checkBundleFiles([{ rawName, bytes: exe }], CARE_OFFICE, HOME_HELP_OFFICE))).toBe(
        'CSV_CONTENT_NOT_TEXT',
      );
    }
    // Broken MS932 (a lead byte and then a line end) is no text either.
    const broken = [{ rawName: 'list.csv', bytes: Buffer.from([0x41, 0x2c, 0x82, 0x0d, 0x0a]) }];
    expect(code(() => checkBundleFiles(broken, CARE_OFFICE, HOME_HELP_OFFICE))).toBe('CSV_CONTENT_NOT_TEXT');
  });

  it('keeps other text CSV files, labelled with the encoding they are in', () => {
    const files = [
      { rawName: '利用者一覧.csv', bytes: encodeMs932('氏名,番号\r\n山田,1\r\n') },
      { rawName: 'list-utf8.csv', bytes: Buffer.from('氏名,番号\r\n山田,1\r\n', 'utf8') },
    ];
    expect(
      checkBundleFiles(files, CARE_OFFICE, HOME_HELP_OFFICE).map((f) => [f.kind, f.contentType]),
    ).toEqual([
      ['csv', 'text/csv; charset=Shift_JIS'],
      ['csv', 'text/csv; charset=utf-8'],
    ]);
  });

  it('refuses names with invisible format characters, Windows device names and case-only duplicates', () => {
    const one = (rawName: string) => [{ rawName, bytes: Buffer.from('%PDF-1.4') }];
    const refused = (files: { rawName: string; bytes: Buffer }[]) => {
      try {
        checkBundleFiles(files, CARE_OFFICE, HOME_HELP_OFFICE);
      } catch (e) {
        if (e instanceof AppException) return [e.code, e.extra];
        throw e;
      }
      throw new Error('expected an AppException');
    };
    for (const c of [
      '\u061c',
      '\u200b',
      '\u200c',
      '\u200d',
      '\u2028',
      '\u2029',
      '\u202e',
      '\u2066',
      '\ufeff',
    ]) {
      const cp = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      expect(refused(one(`計画${c}書.pdf`))).toEqual([
        'FILE_NAME_CHARACTER_NOT_ALLOWED',
        { file: `計画${c}書.pdf`, character: cp },
      ]);
    }
    for (const name of [
      'CON.pdf',
      'con.PDF',
      'PRN.txt',
      'AUX.pdf',
      'NUL.pdf',
      'COM1.pdf',
      'LPT9.tar.pdf',
      'nul',
    ]) {
      expect(refused(one(name))).toEqual(['FILE_NAME_RESERVED', { file: name }]);
    }
    expect(checkBundleFiles(one('CONSENT.pdf'), CARE_OFFICE, HOME_HELP_OFFICE)[0].name).toBe('CONSENT.pdf');
    expect(checkBundleFiles(one('COM10.pdf'), CARE_OFFICE, HOME_HELP_OFFICE)[0].name).toBe('COM10.pdf');
    const both = [...one('case.pdf'), ...one('CASE.PDF')];
    expect(refused(both)).toEqual(['FILE_NAME_CASE_DUPLICATE', { file: 'CASE.PDF', other: 'case.pdf' }]);
  });
});
