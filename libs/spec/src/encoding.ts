// MS932 (Windows-31J) decoding and encoding, and the per-field character checks the standard asks for.
import * as iconv from 'iconv-lite';

const MS932 = 'cp932';

/** Decodes MS932 bytes. Invalid sequences become U+FFFD (iconv-lite substitutes silently; see classifyText). */
export function decodeMs932(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = iconv.decode(buf, MS932);
  // iconv-lite maps the 外字 area only up to F940; the rest of lead byte F9 comes out as U+FFFD.
  return text.includes('\ufffd') && buf.includes(0xf9) ? decodeWithGaijiRowF9(buf) : text;
}

const isLead = (b: number): boolean => (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);
const isTrail = (b: number): boolean => b >= 0x40 && b <= 0xfc && b !== 0x7f;

const ROW_F8 = /[\ue5e0-\ue69b]/g;

// Slow path, only for files with broken bytes. F9xx pairs are decoded as their F8xx neighbours (also 外字),
// in one iconv-lite pass; when the file had no F8xx pair of its own they are then moved to Windows' code
// points for row F9 (U+E69C–U+E757). Either way they are private-use characters: classifyText says 'gaiji'.
function decodeWithGaijiRowF9(buf: Buffer): string {
  const copy = Buffer.from(buf);
  let ownF8 = false;
  for (let i = 0; i < copy.length; i++) {
    const b = copy[i];
    if (!isLead(b) || !isTrail(copy[i + 1] ?? 0)) continue;
    if (b === 0xf9) copy[i] = 0xf8;
    else if (b === 0xf8) ownF8 = true;
    i++;
  }
  const text = iconv.decode(copy, MS932);
  return ownF8 ? text : text.replace(ROW_F8, (c) => String.fromCharCode(c.charCodeAt(0) + 188));
}

/** Encodes to MS932. Characters MS932 lacks become '?'; use findUnencodable first when that matters. */
export function encodeMs932(text: string): Buffer {
  return iconv.encode(text, MS932);
}

/** げた記号 (U+3013): the customary stand-in in Japanese systems for a character MS932 cannot hold. */
export const MS932_SUBSTITUTE = '〓';

/**
 * Encodes to MS932 for exports (history CSV, billing statements): every character MS932 cannot represent
 * exactly becomes `substitute` (〓 by default) instead of iconv-lite's silent '?'. encodeMs932 stays as it is.
 */
export function encodeMs932Lenient(text: string, substitute: string = MS932_SUBSTITUTE): Buffer {
  // Line by line: only a line holding an unencodable character pays for the character-wise pass.
  return iconv.encode(
    text
      .split('\n')
      .map((line) => toMs932Safe(line, substitute))
      .join('\n'),
    MS932,
  );
}

/** `text` with every character MS932 cannot represent exactly replaced by `substitute`. */
export function toMs932Safe(text: string, substitute: string = MS932_SUBSTITUTE): string {
  if (roundTrips(text)) return text;
  let out = '';
  for (const ch of text) out += roundTrips(ch) ? ch : substitute;
  return out;
}

const roundTrips = (text: string): boolean => decodeMs932(iconv.encode(text, MS932)) === text;

// What iconv-lite yields for bytes that are not MS932 characters: U+FFFD for broken sequences,
// U+0080 for the lone byte 0x80; 外字 (lead bytes F0-F9) decode to the private use area.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0080\ue000-\uf8ff\ufffd]/;

export type CharProblem = 'invalid' | 'gaiji' | 'control';

/** Quick test on a whole decoded file: false means no field needs classifyText. */
export function hasSuspectChars(text: string): boolean {
  return SUSPECT.test(text);
}

/** The most serious character problem in a decoded field, or null. */
export function classifyText(text: string): CharProblem | null {
  let found: CharProblem | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || c === 0x80) return 'invalid';
    if (c >= 0xe000 && c <= 0xf8ff) found = 'gaiji';
    else if (found === null && ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f))
      found = 'control';
  }
  return found;
}

// PostgreSQL text and jsonb refuse NUL (and jsonb a lone surrogate escape); a value cut short may end in half a pair.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this replaces
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text any database and JSON parser accepts: NUL shown as ␀ (U+2400), a lone surrogate as U+FFFD. */
export function storableText(text: string): string {
  return text.replace(NUL, '\u2400').replace(LONE_SURROGATE, '\ufffd');
}

/** Length in MS932 bytes: the unit of 項目長 (half-width characters). */
export function ms932ByteLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Half-width katakana (U+FF61–U+FF9F) and ASCII are one byte; every other MS932 character two.
    if (c > 0x7f && !(c >= 0xff61 && c <= 0xff9f)) n++;
  }
  return n;
}

const PRIVATE_USE = /[\ue000-\uf8ff]/;

/** Index of the first character MS932 cannot represent exactly (or a 外字), or -1. */
export function findUnencodable(text: string): number {
  if (isAsciiOnly(text)) return -1;
  // One round trip for the whole value; character by character only to locate a failure.
  if (decodeMs932(encodeMs932(text)) === text && !PRIVATE_USE.test(text)) return -1;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) ?? 0;
    if (cp < 0x80) continue;
    const s = String.fromCodePoint(cp);
    if (decodeMs932(encodeMs932(s)) !== s || PRIVATE_USE.test(s)) return i;
    if (cp > 0xffff) i++;
  }
  return -1;
}

export function isAsciiOnly(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** true when the bytes are well-formed UTF-8 containing at least one multi-byte sequence. */
export function looksLikeUtf8(bytes: Uint8Array): boolean {
  let multi = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    let extra: number;
    if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) extra = 2;
    else if (b >= 0xf0 && b <= 0xf4) extra = 3;
    else return false;
    if (i + extra >= bytes.length) return false;
    for (let k = 1; k <= extra; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    i += extra;
    multi = true;
  }
  return multi;
}

/**
 * true for a UTF-16 byte order mark, or when NUL bytes (never part of a standard file) make up a quarter of
 * the first kilobyte: every ASCII character of UTF-16 text carries one.
 */
export function looksLikeUtf16(bytes: Uint8Array): boolean {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  )
    return true;
  const n = Math.min(bytes.length, 1024);
  let nul = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) nul++;
  return n >= 2 && nul * 4 >= n;
}

export function startsWithUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
