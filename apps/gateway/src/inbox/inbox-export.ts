import { zipSync, type Zippable } from 'fflate';

export interface ExportFile {
  name: string;
  kind: string;
  bytes: Buffer;
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
