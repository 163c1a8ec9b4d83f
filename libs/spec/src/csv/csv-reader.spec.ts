import { parse } from 'csv-parse/sync';
import { decodeMs932 } from '../encoding';
import { FILE_TYPES } from '../spec-data';
import { buildFile } from '../testing/fixtures';
import {
  cutWideLines,
  MAX_COMMAS_PER_LINE_TOLERANT,
  MAX_ITEMS_READ,
  readCsv,
  scanQuoting,
} from './csv-reader';

function collect(text: string) {
  const rows: { fields: string[]; quoted: boolean[]; row: number }[] = [];
  const errors: [number, string][] = [];
  let restarts = 0;
  const result = readCsv(
    text,
    {
      record: (fields, quoted, row) =>
        rows.push({ fields: [...fields], quoted: quoted.slice(0, fields.length), row }),
      syntaxError: (row, code) => errors.push([row, code]),
    },
    () => {
      restarts++;
      rows.length = 0;
    },
  );
  return { rows, errors, restarts, result };
}

describe('scanQuoting', () => {
  it('agrees with csv-parse on every fixture file', () => {
    for (const t of FILE_TYPES.filter((x) => x.isCsv)) {
      const text = decodeMs932(buildFile(t.id).bytes);
      const expected: number[] = [];
      parse(text, {
        relax_column_count: true,
        cast: (v: string, ctx) => {
          expected.push(ctx.quoting ? 1 : 0);
          return v;
        },
      });
      expect(Array.from(scanQuoting(text) ?? [])).toEqual(expected);
    }
  });

  it('handles doubled quotes, line breaks in quotes, empty lines and a trailing comma', () => {
    expect(Array.from(scanQuoting('"a""b",c\r\n\r\n"x\r\ny",') ?? [])).toEqual([1, 0, 0, 1, 0]);
  });

  it('returns null on broken quoting', () => {
    expect(scanQuoting('a,"b"c')).toBeNull();
    expect(scanQuoting('a,b"c')).toBeNull();
    expect(scanQuoting('a,"bc')).toBeNull();
  });
});

describe('readCsv', () => {
  it('gives fields, quoting flags and 1-based rows; any line end closes a record', () => {
    const { rows, errors, result } = collect('1,"a,b"\r\n2,""\n3,c\r');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { fields: ['1', 'a,b'], quoted: [false, true], row: 1 },
      { fields: ['2', ''], quoted: [false, true], row: 2 },
      { fields: ['3', 'c'], quoted: [false, false], row: 3 },
    ]);
    // Records end with CRLF, LF and CR: the first that is not CRLF is the one reported.
    expect(result).toEqual({ rows: 3, lineEnding: 'lf' });
  });

  it('takes the line ending from the record ends, not from line breaks inside quoted free text', () => {
    expect(collect('1,"a\r\nb"\n2,c\n').result.lineEnding).toBe('lf');
    expect(collect('1,"a\nb"\r\n2,c\r\n').result.lineEnding).toBe('crlf');
    expect(collect('1,a\r\n2,b\r3,c').result.lineEnding).toBe('cr');
    expect(collect('1,a').result.lineEnding).toBe('none');
  });

  it('hands over the first MAX_ITEMS_READ items of a wider record with its real item count', () => {
    const seen: [number, number, number, boolean, boolean][] = [];
    const wide = Array(2500).fill('x').join(',');
    const result = readCsv(`1,"a"\r\n${wide}\r\n"q",${wide}\n3,"c"`, {
      record: (fields, quoted, row, items) =>
        seen.push([row, fields.length, items, quoted[0], quoted[fields.length - 1]]),
      syntaxError: () => undefined,
    });
    expect(seen).toEqual([
      [1, 2, 2, false, true],
      [2, MAX_ITEMS_READ, 2500, false, false],
      [3, MAX_ITEMS_READ, 2501, true, false],
      [4, 2, 2, false, true],
    ]);
    expect(result).toEqual({ rows: 4, lineEnding: 'lf' });
  });

  it('cuts lines of more than MAX_COMMAS_PER_LINE_TOLERANT commas for the tolerant mode only', () => {
    const wide = ','.repeat(MAX_COMMAS_PER_LINE_TOLERANT + 5);
    expect(cutWideLines(`a${wide}b\r\nc,d\n${wide}`)).toBe(
      `a${','.repeat(MAX_COMMAS_PER_LINE_TOLERANT)}\r\nc,d\n${','.repeat(MAX_COMMAS_PER_LINE_TOLERANT)}`,
    );
    expect(cutWideLines('a,b\r\n')).toBe('a,b\r\n');
    const items: number[] = [];
    const { errors } = collect(`x"y\r\n${wide}\r\n1,2\r\n`);
    readCsv(`x"y\r\n${wide}\r\n1,2\r\n`, {
      record: (_f, _q, _row, n) => items.push(n),
      syntaxError: () => undefined,
    });
    expect(errors).toHaveLength(1);
    expect(items).toEqual([MAX_COMMAS_PER_LINE_TOLERANT + 1, 2]);
  });

  it('reads on past a broken record in the tolerant mode', () => {
    const { rows, errors } = collect('1,a\r\n2,"b"x\r\n3,c\r\n');
    expect(errors[0]).toEqual([2, 'CSV_INVALID_CLOSING_QUOTE']);
    expect(rows[0]).toMatchObject({ row: 1, fields: ['1', 'a'] });
  });

  it('lets errors of the sink surface instead of reporting them as CSV errors', () => {
    expect(() =>
      readCsv('1,a\r\n', {
        record: () => {
          throw new TypeError('bug');
        },
        syntaxError: () => undefined,
      }),
    ).toThrow('bug');
  });
});
