import { renderRecordTypes } from './record-types.codegen';
import { readFileSync } from 'fs';
import { join } from 'path';
import { jsonSchemaFor } from './json-schema';
import { parseRecords, parseTypedRecords, recordsToCsv, RecordsError } from './records';
import { FILE_TYPES } from './spec-data';
import { buildBundle, buildFile, fixtureFileName, rawFile } from './testing/fixtures';
import { validateFile } from './validate';

const CSV_TYPES = FILE_TYPES.filter((t) => t.isCsv).map((t) => t.id);

describe('records', () => {
  it.each(CSV_TYPES)('%s: parseRecords → recordsToCsv round-trips the valid file byte for byte', (id) => {
    const file = buildFile(id);
    const parsed = parseRecords(file);
    expect(parsed.fileType).toBe(id);
    expect(parsed.csvVersion).toBe('202407');
    expect(Buffer.from(recordsToCsv(id, parsed.records)).equals(Buffer.from(file.bytes))).toBe(true);
  });

  it('reads a file with a byte order mark like the same file without it', () => {
    const file = buildFile('UPPLAN');
    const bom = {
      ...file,
      bytes: new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), file.bytes])),
    };
    expect(parseRecords(bom)).toEqual(parseRecords(file));
  });

  it('renders English keys with null for empty items, keeping free text with CRLF and quotes', () => {
    const file = buildFile('UP1KYO');
    const { records } = parseTypedRecords(file, 'UP1KYO');
    expect(Object.keys(records[0]).slice(0, 3)).toEqual(['csvVersion', 'insurerNo', 'insuredNo']);
    expect(records[0].planAuthorName).toBe('佐藤　恵子');
    expect(records[0].assessmentResult).toContain('\r\n家族：');
    expect(records[0].identifier).toBeNull();
    expect(Object.keys(records[0])).toHaveLength(28);
  });

  it('quotes free text only and doubles embedded quotes', () => {
    const csv = recordsToCsv('DLTPLAN', [
      { csvVersion: '202407', insurerNo: '131011', insuredNo: '0000123456', deleteYm: '202505' },
    ]);
    expect(csv.toString('latin1')).toBe('202407,131011,0000123456,202505\r\n');
    const rec = parseRecords(buildFile('UP2KYO')).records[0];
    const out = recordsToCsv('UP2KYO', [{ ...rec, issue: 'a"b,c' }]);
    expect(out.toString('latin1')).toContain('"a""b,c"');
  });

  it('quotes a non-text value holding a comma, quote or line break, so the record keeps its items', () => {
    const bad = { csvVersion: '202407', insurerNo: '13,1011', insuredNo: '0000"123', deleteYm: '2025\r\n05' };
    const file = { name: fixtureFileName('DLTPLAN'), bytes: new Uint8Array(recordsToCsv('DLTPLAN', [bad])) };
    expect(parseRecords(file).records).toEqual([bad]);
    const report = validateFile(file);
    expect(report.issues.map((i) => i.code)).not.toContain('COLUMN_COUNT');
    const errors = report.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.column, i.code])).toEqual([
      [2, 'TOO_LONG'],
      [3, 'FORMAT_INVALID'],
      [4, 'TOO_LONG'],
      [4, 'MONTH_MISMATCH'],
    ]);
  });

  it('refuses characters MS932 cannot carry instead of substituting them', () => {
    const rec = parseRecords(buildFile('UP2KYO')).records[0];
    expect(() => recordsToCsv('UP2KYO', [{ ...rec, issue: '😀' }])).toThrow(RecordsError);
    expect(() => recordsToCsv('UP2KYO', [{ ...rec, issue: '〜' }])).toThrow(/record 1 issue/);
  });

  it('throws RecordsError on unknown names and broken CSV', () => {
    expect(() => parseRecords({ name: 'x.csv', bytes: new Uint8Array() })).toThrow(RecordsError);
    expect(() => parseRecords(rawFile(fixtureFileName('DLTPLAN'), '202407,"131011\r\n'))).toThrow(
      /CSV_QUOTE_NOT_CLOSED/,
    );
    expect(() => parseTypedRecords(buildFile('DLTPLAN'), 'UPPLAN')).toThrow(/expected a UPPLAN/);
  });

  it('records of a whole bundle stay valid after a round trip', () => {
    for (const f of buildBundle('yobo').filter((x) => x.name.endsWith('.CSV'))) {
      const { fileType, records } = parseRecords(f);
      const again = { name: f.name, bytes: new Uint8Array(recordsToCsv(fileType, records)) };
      expect(validateFile(again).errorCount).toBe(0);
    }
  });
});

describe('jsonSchemaFor', () => {
  it('uses English keys as properties and the Japanese item names as titles', () => {
    const s = jsonSchemaFor('UPPLAN');
    expect(s.title).toBe('第6表（サービス利用票）予定（UPPLAN）');
    expect(s.required).toHaveLength(25);
    expect(s.properties.targetYm).toMatchObject({
      title: '対象年月',
      type: 'string',
      maxLength: 6,
      'x-column-no': 5,
    });
    expect([...(s.properties.over30Days.enum ?? [])].sort()).toEqual(['0', '1']);
    expect(s.properties.taisCode.type).toEqual(['string', 'null']);
    // Uncertain lengths are not published as constraints.
    expect(s.properties.detailSeq.maxLength).toBeUndefined();
  });

  it('accepts the parsed records of a valid file (checked by hand against the constraints)', () => {
    const s = jsonSchemaFor('UPSIKYU');
    for (const rec of parseRecords(buildFile('UPSIKYU')).records) {
      for (const [key, prop] of Object.entries(s.properties)) {
        const v = rec[key];
        if (v === null) {
          expect(Array.isArray(prop.type)).toBe(true);
          continue;
        }
        if (prop.maxLength !== undefined) expect(v.length).toBeLessThanOrEqual(prop.maxLength);
        if (prop.pattern !== undefined && key !== 'serviceOfficeNo')
          expect(v).toMatch(new RegExp(prop.pattern));
        if (prop.enum) expect(prop.enum).toContain(v);
      }
    }
  });
});

describe('record-types.ts', () => {
  it('is in sync with files.json', () => {
    expect(readFileSync(join(__dirname, 'record-types.ts'), 'utf8')).toBe(renderRecordTypes());
  });
});
