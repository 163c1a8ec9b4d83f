import { zipSync, type Zippable } from 'fflate';
import { parseRecords, RecordsError } from '@careplan/spec';
import type { FileRecordsDto } from './dto/inbox.dto';
import { InboxErrors } from './inbox.errors';

export interface ExportFile {
  name: string;
  kind: string;
  bytes: Buffer;
}

/** A standard CSV file as records (the libs/spec rendering); attachments have none. */
export function fileRecords(file: ExportFile): FileRecordsDto {
  if (file.kind !== 'csv') throw InboxErrors.notStandardCsv(file.name);
  try {
    const { fileType, csvVersion, records } = parseRecords({ name: file.name, bytes: file.bytes });
    return { fileType, csvVersion, records };
  } catch (e) {
    if (e instanceof RecordsError) throw InboxErrors.recordsUnreadable(file.name, e.code);
    throw e;
  }
}

// Already compressed formats gain nothing from deflate.
const STORED = /\.(pdf|jpe?g|gif|png)$/i;

/**
 * The whole bundle as one ZIP, files in bundle order under their names as sent. fflate sets the
 * UTF-8 name flag for any non-ASCII name, so Japanese names survive every unzip tool that honours it.
 */
export function bundleZip(files: ExportFile[], modifiedAt: Date): Buffer {
  // A prototype-less map: a file named like an Object property cannot collide with one.
  const entries = Object.create(null) as Zippable;
  for (const f of files) entries[f.name] = [f.bytes, { level: STORED.test(f.name) ? 0 : 6 }];
  return Buffer.from(zipSync(entries, { mtime: modifiedAt }));
}
