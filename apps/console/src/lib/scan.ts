// Filtering a cursor-paged, newest-first list the API cannot filter itself (the audit log): read its pages from the
// cursor on and keep what matches, until enough matched, the list ends, the entries are older than wanted, or the
// scan limit is reached. Whole pages only, so the next scan resumes at a cursor the API gave (never mid-page).

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ScanOptions<T> {
  cursor: string | undefined;
  /** How many matches make a page of results. */
  want: number;
  match: (item: T) => boolean;
  /** True for an item past which nothing can match (older than the period): the scan ends there. */
  beyond?: (item: T) => boolean;
  /** Pages read at most per scan, so a filter that matches nothing cannot read the whole log at once. */
  maxPages: number;
}

export interface ScanResult<T> {
  items: T[];
  /** Where the next scan starts; null when the list (or the period) has been read to its end. */
  nextCursor: string | null;
  /** Entries read. */
  scanned: number;
  /** True when the scan stopped at maxPages rather than at enough matches or the end. */
  truncated: boolean;
}

export async function scanFiltered<T>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  o: ScanOptions<T>,
): Promise<ScanResult<T>> {
  const items: T[] = [];
  let cursor = o.cursor;
  let scanned = 0;
  for (let pages = 0; pages < o.maxPages; pages++) {
    const page = await fetchPage(cursor);
    scanned += page.items.length;
    for (const item of page.items) {
      if (o.beyond?.(item)) return { items, nextCursor: null, scanned, truncated: false };
      if (o.match(item)) items.push(item);
    }
    if (!page.nextCursor) return { items, nextCursor: null, scanned, truncated: false };
    cursor = page.nextCursor;
    if (items.length >= o.want) return { items, nextCursor: cursor, scanned, truncated: false };
  }
  return { items, nextCursor: cursor ?? null, scanned, truncated: true };
}

/** The instant a Japan-time calendar day ("2026-06-01") starts; `dayAfter` the next day's start. */
export function tokyoDayStart(day: string, dayAfter = false): number {
  const t = Date.parse(`${day}T00:00:00+09:00`);
  return dayAfter ? t + 24 * 60 * 60 * 1000 : t;
}
