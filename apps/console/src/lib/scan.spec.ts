import { scanFiltered, tokyoDayStart, type CursorPage } from './scan';

// A newest-first log of 10 entries (9 … 0) in pages of 3; the cursor is the index of the page.
const log = Array.from({ length: 10 }, (_, i) => 9 - i);
const fetchPage = (cursor: string | undefined): Promise<CursorPage<number>> => {
  const start = Number(cursor ?? 0);
  const items = log.slice(start, start + 3);
  return Promise.resolve({ items, nextCursor: start + 3 < log.length ? String(start + 3) : null });
};

describe('scanFiltered', () => {
  it('reads whole pages until enough match, resuming at the API cursor', async () => {
    const even = (n: number) => n % 2 === 0;
    const first = await scanFiltered(fetchPage, { cursor: undefined, want: 2, match: even, maxPages: 10 });
    // Whole pages: the page that reached enough matches is kept whole (4 too), the next scan starts after it.
    expect(first).toEqual({ items: [8, 6, 4], nextCursor: '6', scanned: 6, truncated: false });
    const second = await scanFiltered(fetchPage, {
      cursor: first.nextCursor ?? undefined,
      want: 2,
      match: even,
      maxPages: 10,
    });
    expect(second).toEqual({ items: [2, 0], nextCursor: null, scanned: 4, truncated: false });
  });

  it('stops at entries older than the period', async () => {
    const r = await scanFiltered(fetchPage, {
      cursor: undefined,
      want: 50,
      match: () => true,
      beyond: (n) => n < 5,
      maxPages: 10,
    });
    expect(r).toEqual({ items: [9, 8, 7, 6, 5], nextCursor: null, scanned: 6, truncated: false });
  });

  it('gives up after maxPages, saying where to go on', async () => {
    const r = await scanFiltered(fetchPage, { cursor: undefined, want: 5, match: () => false, maxPages: 2 });
    expect(r).toEqual({ items: [], nextCursor: '6', scanned: 6, truncated: true });
  });
});

describe('tokyoDayStart', () => {
  it('is midnight in Japan, 15:00 UTC the day before', () => {
    expect(new Date(tokyoDayStart('2026-06-01')).toISOString()).toBe('2026-05-31T15:00:00.000Z');
    expect(new Date(tokyoDayStart('2026-06-01', true)).toISOString()).toBe('2026-06-01T15:00:00.000Z');
  });
});
