// Records as JSON (English keys from files.json) and back to standard CSV bytes.
import { hasV3Variant, layoutFor, type Layout } from './columns';
import { readCsv } from './csv/csv-reader';
import { decodeMs932, encodeMs932, findUnencodable, startsWithUtf8Bom } from './encoding';
import { fileTypeByPrefix } from './file-name';
import { fileTypeSpec, type FileTypeId, type FileTypeSpec } from './spec-data';
import type { RecordByFileType } from './record-types';
import type { BundleFile } from './types';
import { csvVersionStatus } from './versions';

/** One record: every column key of the file type, null where the item is empty. */
export type CsvRecord = Record<string, string | null>;

export interface ParsedRecords {
  fileType: FileTypeId;
  csvVersion: string | null;
  records: CsvRecord[];
}

/** Thrown when a file cannot be turned into records at all (unknown type, broken CSV). */
export class RecordsError extends Error {
  constructor(
    readonly code: 'FILE_NAME_UNKNOWN_TYPE' | 'NOT_CSV' | 'CSV_SYNTAX' | 'UNENCODABLE',
    message: string,
    /** Where an UNENCODABLE value is: the record's index (from 0) and the item's key. */
    readonly at?: { record: number; item: string },
  ) {
    super(message);
    this.name = 'RecordsError';
  }
}

/** One record's items under the layout's keys, empty items null. */
export function toRecord(layout: Layout, fields: readonly string[]): CsvRecord {
  const rec: CsvRecord = {};
  const cols = layout.columns;
  for (let i = 0; i < cols.length; i++) {
    const v = fields[i];
    rec[cols[i].key] = v === undefined || v === '' ? null : v;
  }
  return rec;
}

// Thrown through csv-parse (which lets the sink's errors pass untouched) to stop reading early.
class StopReading extends Error {}

export interface EachRecordOptions {
  /** The reader starts over in its tolerant mode: forget what was gathered. */
  onRestart?: () => void;
  /** Stop after this many records, empty lines included. */
  limit?: number;
}

/**
 * Hands every record's items to visit with the layout the first record chose (V3 or V4), keeping none; empty
 * lines are skipped. Returns the first syntax error and how many records were read.
 */
export function eachRecord(
  spec: FileTypeSpec,
  bytes: Uint8Array,
  visit: (layout: Layout, fields: readonly string[]) => void,
  { onRestart = () => undefined, limit = Infinity }: EachRecordOptions = {},
): { syntax: string | null; read: number; stopped: boolean } {
  let layout: Layout | null = null;
  let syntax: string | null = null;
  let read = 0;
  let stopped = false;
  // A BOM (reported by validateFile) is not part of the first item.
  const body = startsWithUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  try {
    readCsv(
      decodeMs932(body),
      {
        record(fields) {
          if (read++ === limit) throw new StopReading();
          if (fields.length === 1 && fields[0] === '') return;
          layout ??= recordLayout(spec, fields);
          visit(layout, fields);
        },
        syntaxError(row, code) {
          syntax ??= `${code} at record ${row}`;
        },
      },
      () => {
        layout = null;
        read = 0;
        onRestart();
      },
    );
  } catch (e) {
    if (!(e instanceof StopReading)) throw e;
    stopped = true;
    read = limit;
  }
  return { syntax, read, stopped };
}

/** The layout a file is read with, chosen by its first record: V3 for a legacy version whose item count fits. */
export function recordLayout(spec: FileTypeSpec, fields: readonly string[]): Layout {
  const v3 = layoutFor(spec, 'v3');
  const legacyFit =
    hasV3Variant(spec.id) &&
    csvVersionStatus(fields[0] ?? '') === 'legacy' &&
    fields.length === v3.columns.length;
  return legacyFit ? v3 : layoutFor(spec, 'v4');
}

/**
 * Parses a standard file (type from its name) into records. It does not validate: run validateFile for that.
 * Records with a wrong column count are kept, missing items null, extra items dropped.
 */
export function parseRecords(file: BundleFile): ParsedRecords {
  const spec = fileTypeByPrefix(file.name);
  if (!spec) throw new RecordsError('FILE_NAME_UNKNOWN_TYPE', `not a standard file name: ${file.name}`);
  if (!spec.isCsv) throw new RecordsError('NOT_CSV', `${spec.id} is not a CSV file`);
  const records: CsvRecord[] = [];
  let csvVersion: string | null = null;
  const { syntax } = eachRecord(
    spec,
    file.bytes,
    (layout, fields) => {
      if (records.length === 0) csvVersion = fields[0] || null;
      records.push(toRecord(layout, fields));
    },
    {
      onRestart: () => {
        records.length = 0;
        csvVersion = null;
      },
    },
  );
  if (syntax !== null) throw new RecordsError('CSV_SYNTAX', syntax);
  return { fileType: spec.id, csvVersion, records };
}

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(value: string, quote: boolean): string {
  return quote ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Writes records as a standard CSV file in MS932: no header, CRLF after every record,
 * non-empty free-text items quoted ("" doubled), everything else bare, empty items as nothing.
 * Throws when a value holds a character MS932 cannot represent (the standard forbids substitutes).
 */
export function recordsToCsv(fileType: FileTypeId, records: readonly Readonly<CsvRecord>[]): Buffer {
  const spec = fileTypeSpec(fileType);
  if (!spec.isCsv) throw new RecordsError('NOT_CSV', `${fileType} is not a CSV file`);
  const first = records[0]?.csvVersion ?? '';
  const layout = layoutFor(
    spec,
    csvVersionStatus(first) === 'legacy' && hasV3Variant(fileType) ? 'v3' : 'v4',
  );
  const lines: string[] = [];
  records.forEach((rec, r) => {
    const cells = layout.columns.map((col) => {
      const v = rec[col.key] ?? '';
      const bad = findUnencodable(v);
      if (bad >= 0) {
        throw new RecordsError(
          'UNENCODABLE',
          `record ${r + 1} ${col.key}: "${String.fromCodePoint(v.codePointAt(bad) ?? 0)}" is not an MS932 character`,
          { record: r, item: col.key },
        );
      }
      // Other items are bare, unless a (wrong) value would break the record apart: validateFile then reports it.
      return csvField(v, (col.type === 'text' && v !== '') || NEEDS_QUOTES.test(v));
    });
    lines.push(cells.join(','));
  });
  return encodeMs932(lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`);
}

/** parseRecords for a file whose type the caller expects: records typed by the generated record types. */
export function parseTypedRecords<T extends keyof RecordByFileType>(
  file: BundleFile,
  fileType: T,
): { fileType: T; csvVersion: string | null; records: RecordByFileType[T][] } {
  const parsed = parseRecords(file);
  if (parsed.fileType !== fileType) {
    throw new RecordsError('FILE_NAME_UNKNOWN_TYPE', `expected a ${fileType} file, got ${parsed.fileType}`);
  }
  // parseRecords fills every key of the layout, so the shape matches; values of required items may still be null
  // in an invalid file, which is why validateFile comes first.
  return {
    fileType,
    csvVersion: parsed.csvVersion,
    records: parsed.records as unknown as RecordByFileType[T][],
  };
}
