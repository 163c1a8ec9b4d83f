import { FILE_TYPES, type FileTypeId } from './spec-data';
import { recordsToCsv, type CsvRecord } from './records';
import { validateBundle, validateFile } from './validate';
import { decodeMs932, encodeMs932 } from './encoding';
import { renderIssue } from './issues/issue-collector';
import type { BundleFile, FileReport } from './types';
import {
  buildFile,
  CARE_OFFICE,
  defaultRecords,
  DEFAULT_PARTIES,
  fixtureFileName,
  HOME_HELP_OFFICE,
  planRecords,
  rawFile,
} from './testing/fixtures';

const MARK = 'ZZMARKZZ';

/** A valid file whose item (row, key) holds raw bytes instead of text. */
function withRawBytes(fileType: FileTypeId, row: number, key: string, raw: number[]): BundleFile {
  const records = defaultRecords(fileType, DEFAULT_PARTIES).map((r, i) =>
    i === row - 1 ? { ...r, [key]: MARK } : r,
  );
  const csv = recordsToCsv(fileType, records);
  const at = csv.indexOf(MARK);
  const bytes = Buffer.concat([csv.subarray(0, at), Buffer.from(raw), csv.subarray(at + MARK.length)]);
  return { name: fixtureFileName(fileType), bytes: new Uint8Array(bytes) };
}

function withRecords(fileType: FileTypeId, edit: (records: CsvRecord[]) => CsvRecord[]): BundleFile {
  const file = buildFile(fileType);
  const parties = fileType === 'UPJSK' || fileType === 'DLTJSK' ? undefined : DEFAULT_PARTIES;
  const records = edit(defaultRecords(fileType, parties ?? { ...DEFAULT_PARTIES, sender: HOME_HELP_OFFICE }));
  return { name: file.name, bytes: new Uint8Array(recordsToCsv(fileType, records)) };
}

function codes(r: FileReport): string[] {
  return r.issues.map((i) => i.code);
}

function issue(r: FileReport, code: string) {
  const found = r.issues.find((i) => i.code === code);
  if (!found)
    throw new Error(`no ${code} in ${JSON.stringify(r.issues.map((i) => [i.code, i.row, i.column]))}`);
  return found;
}

describe('validateFile: valid files', () => {
  it.each(FILE_TYPES.map((t) => t.id))('%s built by the fixtures has no errors and no warnings', (id) => {
    const report = validateFile(buildFile(id));
    expect(report.issues).toEqual([]);
    expect(report.errorCount).toBe(0);
    expect(report.fileType).toBe(id);
    if (id !== 'UPKIHON_IMAGE') {
      expect(report.csvVersion).toBe('202407');
      expect(report.rows).toBeGreaterThan(0);
    }
  });
});

describe('validateFile: file names', () => {
  const csv = buildFile('UPPLAN').bytes;

  it('FILE_NAME_INVALID for a known prefix with a broken name, content still checked', () => {
    const r = validateFile({
      name: 'UPPLAN_202505_123456789_43_1371500420_11_20250425103000.CSV',
      bytes: csv,
    });
    const i = issue(r, 'FILE_NAME_INVALID');
    expect(i).toMatchObject({ severity: 'error', row: null, column: null });
    expect(i.message.ja).toContain('送信元事業所番号');
    expect(i.message.en).toContain('sender office number');
    expect(r.fileType).toBe('UPPLAN');
    expect(r.rows).toBeGreaterThan(0);
  });

  it('explains the V4.0 three-digit service code', () => {
    const r = validateFile({
      name: 'UPPLAN_202505_1371201367_431_1371500420_11_20250425103000.CSV',
      bytes: csv,
    });
    expect(issue(r, 'FILE_NAME_INVALID').message.en).toContain('V4.0');
  });

  it('FILE_NAME_UNKNOWN_TYPE for an unknown prefix', () => {
    const r = validateFile({ name: 'PLAN_202505.CSV', bytes: csv });
    expect(codes(r)).toEqual(['FILE_NAME_UNKNOWN_TYPE']);
    expect(r.fileType).toBeNull();
  });

  it('FILE_NAME_MONTH_INVALID and FILE_NAME_TIMESTAMP_INVALID', () => {
    const r = validateFile({
      name: `UPPLAN_202513_${CARE_OFFICE}_43_${HOME_HELP_OFFICE}_11_20250230103000.CSV`,
      bytes: csv,
    });
    expect(codes(r)).toEqual(
      expect.arrayContaining(['FILE_NAME_MONTH_INVALID', 'FILE_NAME_TIMESTAMP_INVALID']),
    );
  });

  it('FILE_NAME_SENDER_MISMATCH / FILE_NAME_RECEIVER_MISMATCH against the context', () => {
    const r = validateFile(buildFile('UPPLAN'), {
      senderOfficeNumber: '1311111111',
      receiverOfficeNumber: HOME_HELP_OFFICE,
    });
    expect(issue(r, 'FILE_NAME_SENDER_MISMATCH')).toMatchObject({ severity: 'error', value: CARE_OFFICE });
    expect(codes(r)).not.toContain('FILE_NAME_RECEIVER_MISMATCH');
    const r2 = validateFile(buildFile('UPPLAN'), { receiverOfficeNumber: CARE_OFFICE });
    expect(issue(r2, 'FILE_NAME_RECEIVER_MISMATCH').value).toBe(HOME_HELP_OFFICE);
  });

  it('FILE_NAME_CHECK_DIGIT is a warning (spec examples fail the check)', () => {
    const r = validateFile({
      name: 'UPPLAN_202505_0300000100_43_0300000005_11_20250425103000.CSV',
      bytes: csv,
    });
    const found = r.issues.filter((i) => i.code === 'FILE_NAME_CHECK_DIGIT');
    expect(found).toHaveLength(2);
    expect(found.every((i) => i.severity === 'warning')).toBe(true);
    expect(r.errorCount).toBe(0);
  });

  it('legacy V3 names are an error for V4 content', () => {
    const r = validateFile({
      name: `UPPLAN_202505_${CARE_OFFICE}_${HOME_HELP_OFFICE}_20250425103000.CSV`,
      bytes: csv,
    });
    expect(codes(r)).toContain('FILE_NAME_VERSION_MISMATCH');
  });

  it('every file-name problem has a FILE_NAME_ code', () => {
    const r = validateFile({ name: 'UPPLAN_1.CSV', bytes: csv }, { senderOfficeNumber: 'x' });
    expect(r.issues.filter((i) => i.row === null).every((i) => i.code.startsWith('FILE_NAME_'))).toBe(true);
  });
});

describe('validateFile: encoding', () => {
  it('ENCODING_NOT_MS932 with the row and column of the broken bytes', () => {
    // Row 2, column 7 (プラン担当者名): a lead byte followed by ASCII.
    const r = validateFile(withRawBytes('UPPLAN', 2, 'planStaffName', [0x8b, 0x22, 0x82]));
    // The broken bytes sit inside a quoted field; 0x22 after a lead byte is a quote, so use bare bytes below too.
    expect(r.errorCount).toBeGreaterThan(0);
    const r2 = validateFile(withRawBytes('UPPLAN', 2, 'planStaffName', [0x8e, 0x52, 0x82, 0x41]));
    expect(issue(r2, 'ENCODING_NOT_MS932')).toMatchObject({
      row: 2,
      column: 7,
      columnName: 'プラン担当者名',
      severity: 'error',
    });
  });

  it('ENCODING_GAIJI for user-defined characters', () => {
    const r = validateFile(withRawBytes('UPHOSOKU', 3, 'name', [0x8e, 0x52, 0xf0, 0x40]));
    expect(issue(r, 'ENCODING_GAIJI')).toMatchObject({ row: 3, column: 6, columnName: '利用者氏名' });
  });

  it('ENCODING_NOT_MS932 for undefined single bytes (0x80, 0xA0, 0xFD-0xFF)', () => {
    for (const b of [0x80, 0xa0, 0xfd, 0xff]) {
      const r = validateFile(withRawBytes('UP1KYO', 1, 'overallPolicy', [0x41, b, 0x41]));
      expect(issue(r, 'ENCODING_NOT_MS932')).toMatchObject({ row: 1, column: 24 });
    }
  });

  it('ENCODING_UTF8 once for a UTF-8 file', () => {
    const utf8 = Buffer.from(decodeMs932(buildFile('UPPLAN').bytes), 'utf8');
    const r = validateFile({ name: fixtureFileName('UPPLAN'), bytes: new Uint8Array(utf8) });
    expect(codes(r).filter((c) => c.startsWith('ENCODING_'))).toEqual(['ENCODING_UTF8']);
  });

  it('ENCODING_UTF16 once for a UTF-16 file, with or without its byte order mark', () => {
    const text = decodeMs932(buildFile('UPPLAN').bytes);
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const bytes of [le, be, Buffer.concat([Buffer.from([0xff, 0xfe]), le])]) {
      const r = validateFile({ name: fixtureFileName('UPPLAN'), bytes: new Uint8Array(bytes) });
      expect(codes(r)).toEqual(['ENCODING_UTF16']);
      expect(r).toMatchObject({ errorCount: 1, warningCount: 0 });
    }
  });

  it('ENCODING_BOM for a byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(buildFile('DLTPLAN').bytes)]);
    const r = validateFile({ name: fixtureFileName('DLTPLAN'), bytes: new Uint8Array(bytes) });
    expect(codes(r)).toContain('ENCODING_BOM');
  });

  it('a byte order mark is reported once and the first record is still read as data', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(buildFile('DLTPLAN').bytes)]);
    const r = validateFile({ name: fixtureFileName('DLTPLAN'), bytes: new Uint8Array(bytes) });
    expect(codes(r)).toEqual(['ENCODING_BOM']);
    expect(r.csvVersion).toBe('202407');
  });

  it('ENCODING_GAIJI for user-defined characters of every lead byte 0xF0-0xF9', () => {
    for (const raw of [
      [0xf9, 0x40],
      [0xf9, 0x7e],
      [0xf9, 0x80],
      [0xf9, 0xfc],
      [0xf5, 0xa0],
      [0xf8, 0x40, 0xf9, 0x50],
      [0x41, 0xf9, 0x50, 0x88, 0x9f],
    ]) {
      const r = validateFile(withRawBytes('UPHOSOKU', 3, 'name', [0x8e, 0x52, ...raw, 0x82, 0xa0]));
      expect(codes(r).filter((c) => c.startsWith('ENCODING_'))).toEqual(['ENCODING_GAIJI']);
      expect(issue(r, 'ENCODING_GAIJI')).toMatchObject({ row: 3, column: 6, severity: 'error' });
    }
  });

  it('ENCODING_CONTROL_CHAR is an error, and the NUL it reports is shown as ␀ (PostgreSQL refuses \\u0000)', () => {
    const r = validateFile(withRawBytes('UPHOSOKU', 3, 'name', [0x41, 0x00, 0x42]));
    expect(issue(r, 'ENCODING_CONTROL_CHAR')).toMatchObject({
      row: 3,
      column: 6,
      severity: 'error',
      value: 'A\u2400B',
    });
    expect(JSON.stringify(r)).not.toContain('\\u0000');
  });

  it('a value cut inside a surrogate pair keeps no lone surrogate', () => {
    const raw = [...Buffer.from('x'.repeat(39)), 0x00];
    const r = validateFile(withRawBytes('UPHOSOKU', 3, 'name', raw));
    expect(issue(r, 'ENCODING_CONTROL_CHAR').value).toBe(`${'x'.repeat(39)}\u2400`);
    const cut = renderIssue('CSV_SYNTAX', 1, null, `${'x'.repeat(39)}😀`, { detail: '\ud800' });
    expect(cut.value).toBe(`${'x'.repeat(39)}\ufffd…`);
    expect(JSON.stringify(cut)).not.toMatch(/\\ud[89a-f]/);
  });

  it('NEC and IBM extension characters are valid MS932', () => {
    // ① (0x8740), ≒ (0x8790), 纊 (0xED40, NEC-selected IBM), ⅰ (0xFA40), 黑 (0xFC4B, IBM).
    const raw = [0x87, 0x40, 0x87, 0x90, 0xed, 0x40, 0xfa, 0x40, 0xfc, 0x4b];
    const r = validateFile(withRawBytes('UPHOSOKU', 1, 'name', raw));
    expect(codes(r).filter((c) => c.startsWith('ENCODING_'))).toEqual([]);
  });
});

describe('validateFile: CSV structure', () => {
  const name = fixtureFileName('DLTPLAN');
  const line = `202407,131011,0000123456,202505`;

  it('accepts quoted fields holding CRLF, commas and doubled quotes', () => {
    const recs = defaultRecords('UP1KYO', DEFAULT_PARTIES);
    recs[0] = { ...recs[0], overallPolicy: '一行目,二行目\r\n「""引用""」"終わり"' };
    const r = validateFile({
      name: fixtureFileName('UP1KYO'),
      bytes: new Uint8Array(recordsToCsv('UP1KYO', recs)),
    });
    expect(r.issues).toEqual([]);
    expect(r.rows).toBe(3);
  });

  it('CSV_SYNTAX with the record position on broken quoting', () => {
    const r = validateFile(rawFile(name, `${line}\r\n202407,131011,"0000"123456,202505\r\n${line}\r\n`));
    expect(issue(r, 'CSV_SYNTAX')).toMatchObject({ row: 2, column: null, severity: 'error' });
  });

  it('CSV_SYNTAX for an unclosed quote', () => {
    const r = validateFile(rawFile(name, `${line}\r\n${line}\r\n202407,"131011,0000123456,202505\r\n`));
    expect(issue(r, 'CSV_SYNTAX').row).toBe(3);
  });

  it('COLUMN_COUNT with the row', () => {
    const r = validateFile(rawFile(name, `${line}\r\n${line},1\r\n202407,131011\r\n`));
    const found = r.issues.filter((i) => i.code === 'COLUMN_COUNT');
    expect(found.map((i) => i.row)).toEqual([2, 3]);
    expect(found[0].message.en).toContain('5 items');
    expect(r.rows).toBe(3);
  });

  it('CSV_HEADER_ROW, CSV_EMPTY_LINE, CSV_LINE_ENDING, FILE_EMPTY', () => {
    const header = validateFile(
      rawFile(name, `CSVバージョン,保険者番号,被保険者番号,削除対象年月\r\n${line}\r\n`),
    );
    expect(issue(header, 'CSV_HEADER_ROW').row).toBe(1);
    expect(header.errorCount).toBe(1);
    const empty = validateFile(rawFile(name, `${line}\r\n\r\n${line}\r\n`));
    expect(issue(empty, 'CSV_EMPTY_LINE')).toMatchObject({ row: 2, severity: 'warning' });
    const lf = validateFile(rawFile(name, `${line}\n${line}\n`));
    expect(codes(lf)).toEqual(['CSV_LINE_ENDING']);
    // LF between records is not hidden by CRLF inside quoted free text (UP1KYO No.22 holds CRLF).
    const mixed = decodeMs932(buildFile('UP1KYO').bytes).replace(/\r\n(?=202407,)/g, '\n');
    const up1 = validateFile({ name: fixtureFileName('UP1KYO'), bytes: new Uint8Array(encodeMs932(mixed)) });
    expect(codes(up1)).toEqual(['CSV_LINE_ENDING']);
    expect(codes(validateFile(rawFile(name, '')))).toEqual(['FILE_EMPTY']);
  });

  it('FILE_EMPTY for a file of empty lines or a header only: no data record', () => {
    const blank = validateFile(rawFile(name, '\r\n'));
    expect(codes(blank)).toEqual(['CSV_EMPTY_LINE', 'FILE_EMPTY']);
    expect(blank).toMatchObject({ rows: 1, errorCount: 1 });
    expect(codes(validateFile(rawFile(name, '\r\n\r\n\r\n')))).toContain('FILE_EMPTY');
    const header = validateFile(rawFile(name, 'CSVバージョン,保険者番号,被保険者番号,削除対象年月\r\n'));
    expect(codes(header)).toEqual(['CSV_HEADER_ROW', 'FILE_EMPTY']);
  });
});

describe('validateFile: odd inputs always give a report', () => {
  const name = fixtureFileName('DLTPLAN');
  const report = (bytes: Buffer): FileReport => validateFile({ name, bytes: new Uint8Array(bytes) });

  it('1 item, 10,000 items and a million empty items in one record: COLUMN_COUNT', () => {
    expect(codes(report(Buffer.from('202407\r\n')))).toContain('COLUMN_COUNT');
    const wide = report(Buffer.from(`${Array(10_000).fill('202407').join(',')}\r\n`));
    expect(issue(wide, 'COLUMN_COUNT').message.en).toContain('10000 items');
    const commas = report(Buffer.alloc(1_000_000, 0x2c));
    expect(issue(commas, 'COLUMN_COUNT').message.en).toContain('1000001 items');
    expect(commas.rows).toBe(1);
  });

  it('a 5 MB line without a delimiter, and one inside an unclosed quote', () => {
    const long = report(Buffer.alloc(5_000_000, 0x41));
    expect(long).toMatchObject({ rows: 1 });
    expect(long.errorCount).toBeGreaterThan(0);
    const unclosed = Buffer.alloc(5_000_000, 0x41);
    unclosed[0] = 0x22;
    expect(codes(report(unclosed))).toContain('CSV_SYNTAX');
  });
});

describe('validateFile: columns', () => {
  it('REQUIRED_MISSING, TOO_LONG, FORMAT_INVALID, CODE_UNKNOWN, DATE_INVALID with row and column', () => {
    const f = withRecords('UPPLAN', (rs) => {
      rs[1] = { ...rs[1], serviceCode: null };
      rs[2] = { ...rs[2], units: '1234567' };
      rs[3] = { ...rs[3], insuredNo: 'X000123456' };
      rs[4] = { ...rs[4], over30Days: '2' };
      rs[5] = { ...rs[5], createdDate: '20260230' };
      return rs;
    });
    const r = validateFile(f);
    expect(issue(r, 'REQUIRED_MISSING')).toMatchObject({ row: 2, column: 15, columnName: 'サービスコード' });
    expect(issue(r, 'TOO_LONG')).toMatchObject({ row: 3, column: 8, value: '1234567' });
    expect(issue(r, 'FORMAT_INVALID')).toMatchObject({ row: 4, column: 3 });
    expect(issue(r, 'CODE_UNKNOWN')).toMatchObject({ row: 5, column: 23, value: '2' });
    expect(issue(r, 'DATE_INVALID')).toMatchObject({ row: 6, column: 4, value: '20260230' });
    expect(r.errorCount).toBe(5);
  });

  it('UPYOBO_SUB number items whose format files.json marks uncertain only warn', () => {
    const f = withRecords('UPYOBO_SUB', (rs) => {
      rs[0] = { ...rs[0], issueNo: '課題1', supportPlanNo: 'A', usedServiceNo: '1-1' };
      return rs;
    });
    const r = validateFile(f);
    expect(r.errorCount).toBe(0);
    expect(codes(r)).toEqual([
      'TOO_LONG_UNCERTAIN',
      'FORMAT_UNCERTAIN',
      'FORMAT_UNCERTAIN',
      'TOO_LONG_UNCERTAIN',
      'FORMAT_UNCERTAIN',
    ]);
  });

  it('uncertain items only warn', () => {
    const f = withRecords('UPPLAN', (rs) => {
      rs[0] = { ...rs[0], planStaffName: null, detailSeq: '123', taisCode: 'ABC' };
      return rs;
    });
    const r = validateFile(f);
    expect(r.errorCount).toBe(0);
    expect(codes(r).sort()).toEqual(['FORMAT_UNCERTAIN', 'REQUIRED_UNCERTAIN', 'TOO_LONG_UNCERTAIN']);
  });

  it('CHECK_DIGIT is a warning for office and insurer numbers; 9999999999 is allowed', () => {
    const f = withRecords('UPPLAN', (rs) => {
      rs[0] = { ...rs[0], insurerNo: '123456', serviceOfficeNo: '0300000100' };
      return rs;
    });
    const r = validateFile(f);
    expect(r.issues.map((i) => [i.code, i.severity, i.column])).toEqual([
      ['CHECK_DIGIT', 'warning', 2],
      ['CHECK_DIGIT', 'warning', 20],
    ]);
  });

  it('times: TIME_INVALID, 9999 allowed, 2400 warns', () => {
    const f = withRecords('UPPLAN', (rs) => {
      rs[0] = { ...rs[0], startTime: '2460' };
      rs[1] = { ...rs[1], endTime: '2400' };
      return rs;
    });
    const r = validateFile(f);
    expect(issue(r, 'TIME_INVALID')).toMatchObject({ row: 1, column: 12 });
    expect(issue(r, 'TIME_2400')).toMatchObject({ row: 2, column: 13, severity: 'warning' });
  });

  it('quoting of free text and of other items only warns', () => {
    const name = fixtureFileName('DLTPLAN');
    const r = validateFile(rawFile(name, '"202407",131011,0000123456,202505\r\n'));
    expect(issue(r, 'CSV_QUOTE_UNEXPECTED')).toMatchObject({ row: 1, column: 1, severity: 'warning' });
    const recs = defaultRecords('UP1KYO', DEFAULT_PARTIES);
    const csv = recordsToCsv('UP1KYO', recs)
      .toString('latin1')
      .replace(/"([^",\r\n]*)"/, '$1');
    const r2 = validateFile({
      name: fixtureFileName('UP1KYO'),
      bytes: new Uint8Array(Buffer.from(csv, 'latin1')),
    });
    expect(issue(r2, 'CSV_QUOTE_MISSING').severity).toBe('warning');
  });

  it('caps kept issues at 200 but counts all of them', () => {
    const recs = planRecords().flatMap((r) =>
      Array.from({ length: 10 }, () => ({ ...r, serviceCode: 'bad' })),
    );
    const r = validateFile({
      name: fixtureFileName('UPPLAN'),
      bytes: new Uint8Array(recordsToCsv('UPPLAN', recs)),
    });
    expect(r.issues).toHaveLength(200);
    expect(r.errorCount).toBeGreaterThanOrEqual(recs.length);
  });
});

describe('validateBundle', () => {
  it('ok for a valid plan unit with an attachment', () => {
    const files = [
      ...['UPPLAN', 'UPSIKYU', 'UPHOSOKU'].map((t) => buildFile(t as FileTypeId)),
      { name: 'モニタリング.pdf', bytes: new Uint8Array([0x25]) },
    ];
    const report = validateBundle(files, {
      senderOfficeNumber: CARE_OFFICE,
      receiverOfficeNumber: HOME_HELP_OFFICE,
    });
    expect(report.files.flatMap((f) => f.issues)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.files[3]).toMatchObject({ fileType: null, errorCount: 0 });
  });

  it('ok is false when any file has an error', () => {
    const report = validateBundle([
      buildFile('DLTPLAN'),
      rawFile(fixtureFileName('DLTPLAN').replace('.CSV', '.csv'), ''),
    ]);
    expect(report.ok).toBe(false);
  });
});
