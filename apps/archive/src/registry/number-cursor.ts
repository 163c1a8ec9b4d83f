import { cursorInvalid } from '@careplan/platform';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';

// Lists of offices are in office-number order; the cursor is the last number seen, opaque to callers.
export function encodeNumberCursor(officeNumber: string): string {
  return Buffer.from(officeNumber, 'utf8').toString('base64url');
}

export function decodeNumberCursor(cursor: string): string {
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!OFFICE_NUMBER_PATTERN.test(value)) throw cursorInvalid();
  return value;
}

/** Takes limit+1 rows: the extra one only says that a next page exists. */
export function pageOf<R extends { officeNumber: string }, D>(
  rows: R[],
  limit: number,
  toDto: (r: R) => D,
): { items: D[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toDto),
    nextCursor: rows.length > limit && last ? encodeNumberCursor(last.officeNumber) : null,
  };
}
