// Paging and filters of a list view live in its query string, so every page of every list can be bookmarked and
// shared. The lists are cursor-paged (the API's nextCursor): `cursor` is the current page's, and `prev` (repeated,
// oldest first, empty for the first page) the cursors of the pages before it, so "previous" needs no history.

export const LIMITS = [20, 50, 100] as const;
export const DEFAULT_LIMIT = 50;

export interface PageState {
  cursor: string | undefined;
  limit: number;
  /** Whether there is a page before this one. */
  hasPrevious: boolean;
}

/** The page the query string asks for; an unknown limit is the default. */
export function readPage(params: URLSearchParams, defaultLimit: number = DEFAULT_LIMIT): PageState {
  const raw = Number(params.get('limit'));
  const limit = (LIMITS as readonly number[]).includes(raw) ? raw : defaultLimit;
  return { cursor: params.get('cursor') || undefined, limit, hasPrevious: params.getAll('prev').length > 0 };
}

/** The query string of the page after this one. */
export function nextPageParams(params: URLSearchParams, nextCursor: string): URLSearchParams {
  const out = new URLSearchParams(params);
  out.append('prev', params.get('cursor') ?? '');
  out.set('cursor', nextCursor);
  return out;
}

/** The query string of the page before this one (the first page when there is none). */
export function previousPageParams(params: URLSearchParams): URLSearchParams {
  const trail = params.getAll('prev');
  const out = new URLSearchParams(params);
  out.delete('prev');
  const back = trail.pop();
  for (const c of trail) out.append('prev', c);
  if (back) out.set('cursor', back);
  else out.delete('cursor');
  return out;
}

/** The query string with the page size changed: back to the first page, the filters kept. */
export function limitParams(params: URLSearchParams, limit: number): URLSearchParams {
  const out = firstPage(params);
  out.set('limit', String(limit));
  return out;
}

/**
 * The query string with these filters set (empty or undefined: removed), from the first page: a cursor belongs
 * to the filters it was given under.
 */
export function filterParams(
  params: URLSearchParams,
  filters: Readonly<Record<string, string | undefined>>,
): URLSearchParams {
  const out = firstPage(params);
  for (const [key, value] of Object.entries(filters)) {
    const v = value?.trim();
    if (v) out.set(key, v);
    else out.delete(key);
  }
  return out;
}

function firstPage(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(params);
  out.delete('cursor');
  out.delete('prev');
  return out;
}

/** The filter values a list reads from its query string, each '' when absent. */
export function readFilters<K extends string>(
  params: URLSearchParams,
  keys: readonly K[],
): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
}
