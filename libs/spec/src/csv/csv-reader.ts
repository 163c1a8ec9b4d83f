// Streams the records of a decoded file through csv-parse without keeping them:
// each record is handed to the sink with per-field "was quoted" flags and its 1-based position.
//
// Two modes, for speed: the fast mode parses without csv-parse's per-field cast context and error skipping
// (both cost about a third of the parse time) and takes quoting flags from a light scan of the text; a file
// that breaks the CSV syntax is read again in the tolerant mode, which skips broken records and goes on.
import { CsvError, parse, type Options } from 'csv-parse/sync';

export interface CsvSink {
  /**
   * fields and quoted are reused between calls: copy what must outlive the call. items is the record's real
   * number of items: a record of more than MAX_ITEMS_READ items is handed over with its first ones only.
   */
  record(fields: string[], quoted: readonly boolean[], row: number, items: number): void;
  syntaxError(row: number, code: string, message: string): void;
}

export type LineEnding = 'crlf' | 'lf' | 'cr' | 'none';

export interface CsvReadResult {
  rows: number;
  lineEnding: LineEnding;
}

interface CsvErrorLike {
  code?: string;
  message?: string;
}

/** Line ending of a text whose records cannot be told apart: CRLF when any CRLF exists (free text may hold bare LF). */
export function detectLineEnding(text: string): LineEnding {
  if (text.includes('\r\n')) return 'crlf';
  if (text.includes('\n')) return 'lf';
  if (text.includes('\r')) return 'cr';
  return 'none';
}

// Any line end closes a record, in both modes and in scanQuoting alike (the spec does not fix one).
export const RECORD_DELIMITERS = ['\r\n', '\n', '\r'];

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** Items read of one record (the widest layout has 71): a line of 50 million commas is not split up. */
export const MAX_ITEMS_READ = 1000;

/** A record cut after MAX_ITEMS_READ items: text[from, to) is dropped, the line end kept. */
interface Cut {
  row: number;
  from: number;
  to: number;
  items: number;
}

interface Scan {
  flags: Uint8Array;
  /** From the ends of the records only: line breaks inside quoted free text do not count. */
  lineEnding: LineEnding;
  cuts: Cut[];
}

/**
 * Quoting flag of every field, in file order, for syntactically valid CSV (RFC 4180 as csv-parse reads it).
 * Returns null when the text is not valid CSV; the caller then uses the tolerant mode.
 */
export function scanQuoting(text: string): Uint8Array | null {
  return scan(text)?.flags ?? null;
}

function scan(text: string): Scan | null {
  const n = text.length;
  // CRLF unless some record ends otherwise; then the first such end.
  let lineEnding: LineEnding = 'none';
  // One byte per field, grown by doubling: a line of 50 million commas must not become a JS array.
  let flags = new Uint8Array(1024);
  let count = 0;
  const push = (v: number): void => {
    if (count === flags.length) {
      const bigger = new Uint8Array(flags.length * 2);
      bigger.set(flags);
      flags = bigger;
    }
    flags[count++] = v;
  };
  const cuts: Cut[] = [];
  let row = 1;
  let items = 0;
  let cutFrom = 0;
  // Counts an item at text position `at`; only the first MAX_ITEMS_READ of a record get a flag.
  const item = (v: number, at: number): void => {
    items++;
    if (items <= MAX_ITEMS_READ) push(v);
    else if (items === MAX_ITEMS_READ + 1) cutFrom = at - 1; // the comma before it
  };
  const endRecord = (at: number): void => {
    if (items > MAX_ITEMS_READ) cuts.push({ row, from: cutFrom, to: at, items });
    row++;
    items = 0;
  };
  let i = 0;
  while (i < n) {
    // At the start of a field.
    if (text.charCodeAt(i) === QUOTE) {
      item(1, i);
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return null;
        if (text.charCodeAt(q + 1) === QUOTE) {
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      i = j;
    } else {
      item(0, i);
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === CR || c === LF) break;
        if (c === QUOTE) return null;
        i++;
      }
    }
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      // A trailing comma at the very end still opens one more (empty) field.
      if (i >= n) item(0, i);
    } else if (c === CR || c === LF) {
      const crlf = c === CR && text.charCodeAt(i + 1) === LF;
      if (crlf) {
        if (lineEnding === 'none') lineEnding = 'crlf';
      } else if (lineEnding === 'none' || lineEnding === 'crlf') {
        lineEnding = c === CR ? 'cr' : 'lf';
      }
      endRecord(i);
      i += crlf ? 2 : 1;
    } else {
      return null; // text after a closing quote
    }
  }
  if (items > 0) endRecord(n);
  return { flags: flags.subarray(0, count), lineEnding, cuts };
}

function readFast(text: string, { flags, cuts }: Scan, sink: CsvSink): number {
  const quoted: boolean[] = [];
  let row = 0;
  let cursor = 0;
  const cutItems = new Map(cuts.map((c) => [c.row, c.items]));
  let cutText = text;
  if (cuts.length > 0) {
    const parts: string[] = [];
    let prev = 0;
    for (const c of cuts) {
      parts.push(text.slice(prev, c.from));
      prev = c.to;
    }
    parts.push(text.slice(prev));
    cutText = parts.join('');
  }
  parse(cutText, {
    relax_column_count: true,
    record_delimiter: RECORD_DELIMITERS,
    on_record: (record: string[]) => {
      row++;
      for (let k = 0; k < record.length; k++) quoted[k] = flags[cursor + k] === 1;
      cursor += record.length;
      sink.record(record, quoted, row, cutItems.get(row) ?? record.length);
      // Returning null drops the record: nothing accumulates in memory.
      return null;
    },
  });
  return row;
}

function readTolerant(text: string, sink: CsvSink): number {
  const quoted: boolean[] = [];
  let row = 0;
  let fatal = false;
  // on_skip exists in csv-parse 5.x but is missing from its typings.
  const options: Options & { on_skip: (err: CsvErrorLike | undefined) => void } = {
    relax_column_count: true,
    record_delimiter: RECORD_DELIMITERS,
    skip_records_with_error: true,
    cast: (value: string, ctx) => {
      quoted[ctx.index] = ctx.quoting;
      return value;
    },
    on_record: (record: string[]) => {
      row++;
      sink.record(record, quoted, row, record.length);
      return null;
    },
    on_skip: (err: CsvErrorLike | undefined) => {
      row++;
      sink.syntaxError(row, err?.code ?? 'CSV_ERROR', err?.message ?? 'invalid record');
    },
  };
  try {
    parse(text, options);
  } catch (e: unknown) {
    // Only CSV errors are the file's fault; anything else is a bug and must surface.
    if (!(e instanceof CsvError)) throw e;
    // skip_records_with_error covers record-level errors; anything left is reported once.
    fatal = true;
    const err = e as CsvErrorLike;
    sink.syntaxError(row + 1, err.code ?? 'CSV_ERROR', err.message ?? String(e));
  }
  return fatal ? row + 1 : row;
}

/**
 * Reads every record. When the fast mode fails half-way, onRestart() is called before the tolerant
 * mode reads the file again from the start, so the sink can drop what it gathered.
 */
export function readCsv(text: string, sink: CsvSink, onRestart: () => void = () => undefined): CsvReadResult {
  const scanned = scan(text);
  if (scanned !== null) {
    try {
      return { rows: readFast(text, scanned, sink), lineEnding: scanned.lineEnding };
    } catch (e: unknown) {
      if (!(e instanceof CsvError)) throw e;
      onRestart();
    }
  }
  // Broken quoting: record ends cannot be told from breaks inside free text; judge by the whole text.
  return { rows: readTolerant(cutWideLines(text), sink), lineEnding: detectLineEnding(text) };
}

/** Commas kept per line for the tolerant mode, which cannot cut records the way the fast mode does. */
export const MAX_COMMAS_PER_LINE_TOLERANT = 100_000;

/**
 * Drops what follows the MAX_COMMAS_PER_LINE_TOLERANT-th comma of a line. Only for text that is not valid CSV
 * anyway: a record that wide is reported with that many items instead of its real count.
 */
export function cutWideLines(text: string): string {
  const parts: string[] = [];
  let prev = 0;
  let commas = 0;
  let cutFrom = -1;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : LF;
    if (c === COMMA) {
      if (++commas === MAX_COMMAS_PER_LINE_TOLERANT + 1) cutFrom = i;
    } else if (c === CR || c === LF) {
      if (cutFrom >= 0) {
        parts.push(text.slice(prev, cutFrom));
        prev = Math.min(i, n);
        cutFrom = -1;
      }
      commas = 0;
    }
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(prev));
  return parts.join('');
}
