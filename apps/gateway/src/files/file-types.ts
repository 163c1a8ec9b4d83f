import { extname } from 'node:path';
import { decodeMs932, isStandardCsvName, looksLikeUtf8 } from '@careplan/spec';

/** Attachment types the exchange carries beside the standard CSV files, with their magic bytes. */
const ATTACHMENTS: Record<string, { contentType: string; matches: (b: Buffer) => boolean }> = {
  '.pdf': { contentType: 'application/pdf', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  '.jpg': { contentType: 'image/jpeg', matches: isJpeg },
  '.jpeg': { contentType: 'image/jpeg', matches: isJpeg },
  '.gif': {
    contentType: 'image/gif',
    matches: (b) => /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1')),
  },
  '.png': {
    contentType: 'image/png',
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  '.txt': { contentType: 'text/plain', matches: (b) => !b.includes(0) },
};

export const CSV_CONTENT_TYPE = 'text/csv; charset=Shift_JIS';
export const ALLOWED_ATTACHMENT_EXTENSIONS = Object.keys(ATTACHMENTS);
/** Every media type a file of a delivery is served with (without parameters), for the OpenAPI document. */
export const FILE_MEDIA_TYPES = [
  'text/csv',
  ...new Set(Object.values(ATTACHMENTS).map((a) => a.contentType)),
] as const;

function isJpeg(b: Buffer): boolean {
  return b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}

export type AttachmentCheck =
  { ok: true; contentType: string } | { ok: false; reason: 'extension' | 'content'; extension: string };

/** Checks an attachment by its extension and by its first bytes: a renamed .exe is not a PDF. */
export function checkAttachment(name: string, bytes: Buffer): AttachmentCheck {
  const extension = extname(name).toLowerCase();
  const type = ATTACHMENTS[extension];
  if (!type) return { ok: false, reason: 'extension', extension };
  if (!type.matches(bytes)) return { ok: false, reason: 'content', extension };
  return { ok: true, contentType: type.contentType };
}

export function isCsvName(name: string): boolean {
  return extname(name).toLowerCase() === '.csv';
}

export type CsvContentCheck = { ok: true; contentType: string } | { ok: false };

// C0 controls no text file holds (TAB, LF, VT, FF and CR aside): what `file` and git take for binary.
// eslint-disable-next-line no-control-regex
const BINARY_BYTE = /[\x00-\x08\x0e-\x1f]/;

/**
 * A .csv that is not a standard file gets no report from the validator (only FILE_NAME_NOT_STANDARD, a warning)
 * and is delivered as it is: it must at least be text, MS932 or UTF-8, or an EXE renamed invoice.csv goes
 * through. Standard files are left to the validator, which says exactly what is wrong with them.
 */
export function checkCsvContent(name: string, bytes: Buffer): CsvContentCheck {
  if (isStandardCsvName(name)) return { ok: true, contentType: CSV_CONTENT_TYPE };
  if (BINARY_BYTE.test(bytes.toString('latin1'))) return { ok: false };
  if (looksLikeUtf8(bytes)) return { ok: true, contentType: 'text/csv; charset=utf-8' };
  // iconv-lite yields U+FFFD for broken sequences and U+0080 for the lone byte 0x80.
  if (/[\u0080\ufffd]/.test(decodeMs932(bytes))) return { ok: false };
  return { ok: true, contentType: CSV_CONTENT_TYPE };
}

export const MAX_FILE_NAME_LENGTH = 255;

/**
 * Keeps the last path segment and drops control characters: names never become paths. Returns '' for a name
 * that is unusable ('..', too long). Characters that change how a name looks are left to fileNameProblem.
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const name = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  if (/^\.*$/.test(name) || name.length > MAX_FILE_NAME_LENGTH) return '';
  return name.normalize('NFC');
}

// Invisible format characters (bidi marks and overrides incl. U+061C, zero-width U+200B–U+200D, U+FEFF …: Unicode
// category Cf) and line/paragraph separators: a name must look like what it is (invoice\u202Efdp.exe).
const INVISIBLE = /[\p{Cf}\u2028\u2029]/u;
// Windows device names, with any extension: such a file cannot be saved or unzipped on a receiver's PC.
const WINDOWS_DEVICE = /^(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])(\..*)?$/i;

export type FileNameProblem = { kind: 'character'; character: string } | { kind: 'reserved' };

/** What makes a (sanitized) name unfit to send, or null. */
export function fileNameProblem(name: string): FileNameProblem | null {
  const invisible = INVISIBLE.exec(name);
  if (invisible) {
    const cp = invisible[0].codePointAt(0) ?? 0;
    return { kind: 'character', character: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` };
  }
  // Windows ignores trailing blanks before the extension: "CON .pdf" is CON too.
  if (WINDOWS_DEVICE.test(name.replace(/ +(?=\.|$)/, ''))) return { kind: 'reserved' };
  return null;
}
