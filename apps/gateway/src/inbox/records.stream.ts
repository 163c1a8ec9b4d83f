import { parse } from 'csv-parse';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import {
  decodeMs932,
  fileTypeByPrefix,
  RECORD_DELIMITERS,
  recordLayout,
  startsWithUtf8Bom,
  toRecord,
  type FileTypeSpec,
  type Layout,
} from '@careplan/spec';
import type { ExportFile } from './inbox-export';
import { InboxErrors } from './inbox.errors';

/** Characters of text handed to the parser at a time: the event loop turns between them. */
const CHUNK_CHARS = 64 * 1024;
/** Far beyond the widest record of a delivered (validated) file; a longer one ends the response. */
const MAX_RECORD_CHARS = 1024 * 1024;

/**
 * A standard CSV file as `{ fileType, csvVersion, records }` JSON, written record by record as the client reads
 * it: a 10 MB file is some 36 MB of JSON, never held whole (four at once took the gateway to 777 MB). What
 * parseRecords gives, byte for byte after JSON.parse. Attachments and other names: 422 before anything is sent.
 */
export function recordsJson(file: ExportFile): Readable {
  if (file.kind !== 'csv') throw InboxErrors.notStandardCsv(file.name);
  const spec = fileTypeByPrefix(file.name);
  if (!spec) throw InboxErrors.recordsUnreadable(file.name, 'FILE_NAME_UNKNOWN_TYPE');
  if (!spec.isCsv) throw InboxErrors.recordsUnreadable(file.name, 'NOT_CSV');
  const bytes = startsWithUtf8Bom(file.bytes) ? file.bytes.subarray(3) : file.bytes;
  const text = decodeMs932(bytes);
  const parser = parse({
    relax_column_count: true,
    record_delimiter: RECORD_DELIMITERS,
    max_record_size: MAX_RECORD_CHARS,
  });
  // A parse error half-way (none in a validated file) destroys the output: the response ends unfinished.
  return pipeline(Readable.from(textChunks(text)), parser, new RecordsToJson(spec), () => undefined);
}

function* textChunks(text: string): Generator<string> {
  for (let at = 0; at < text.length; at += CHUNK_CHARS) yield text.slice(at, at + CHUNK_CHARS);
}

/** Records (arrays of items) in, the JSON document out: head with the first record, tail at the end. */
class RecordsToJson extends Transform {
  private layout: Layout | null = null;

  constructor(private readonly spec: FileTypeSpec) {
    super({ writableObjectMode: true });
  }

  override _transform(fields: string[], _enc: BufferEncoding, done: TransformCallback): void {
    if (fields.length === 1 && fields[0] === '') return done();
    const first = this.layout === null;
    this.layout ??= recordLayout(this.spec, fields);
    const record = JSON.stringify(toRecord(this.layout, fields));
    done(null, first ? `${this.head(fields[0] || null)}${record}` : `,${record}`);
  }

  override _flush(done: TransformCallback): void {
    done(null, this.layout === null ? `${this.head(null)}]}` : ']}');
  }

  private head(csvVersion: string | null): string {
    return `{"fileType":${JSON.stringify(this.spec.id)},"csvVersion":${JSON.stringify(csvVersion)},"records":[`;
  }
}
