import { isUUID } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { problem } from '../errors/app.exception';
import { PLATFORM_PROBLEMS } from '../errors/platform.problems';
import { isStorableInstant } from './instant';

/** Keyset position (timestamp + id tie-breaker) for stable pagination of newest-first lists. */
export interface Cursor {
  at: Date;
  id: string;
  /** Microseconds beyond `at`'s millisecond (PostgreSQL keeps them, a Date does not): 0–999. */
  micros?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// One cursor format for every list: the last row's key values, '|'-joined, in base64url. Newest-first lists
// carry `<time with microseconds>|<id>`, key-ordered ones `<key>`; callers treat it as opaque.
function packCursor(parts: string[]): string {
  return Buffer.from(parts.join('|'), 'utf8').toString('base64url');
}

function unpackCursor(raw: string): string[] {
  return Buffer.from(raw, 'base64url').toString('utf8').split('|');
}

export function encodeCursor(c: Cursor): string {
  return packCursor([cursorTime(c), c.id]);
}

/** The cursor's time as ISO 8601 with microseconds when it has them. */
function cursorTime(c: Cursor): string {
  const iso = c.at.toISOString();
  return c.micros ? iso.replace(/Z$/, `${String(c.micros).padStart(3, '0')}Z`) : iso;
}

/** Returns null for anything that is not a cursor this service made. */
export function decodeCursor(raw: string): Cursor | null {
  const [at, id, ...rest] = unpackCursor(raw);
  if (rest.length > 0 || !at || !id) return null;
  const [, ms, micros] = /^(.*\.\d{3})(\d{3})?Z$/.exec(at) ?? [];
  if (!ms) return null;
  const date = new Date(`${ms}Z`);
  if (!isStorableInstant(date) || date.toISOString() !== `${ms}Z`) return null;
  return micros ? { at: date, id, micros: Number(micros) } : { at: date, id };
}

/** True when `id` can be compared with the entity's id column (uuid or bigint) without a database error. */
function idFits<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, id: string): boolean {
  const type = qb.expressionMap.mainAlias?.metadata.findColumnWithPropertyName('id')?.type;
  if (type === 'uuid') return isUUID(id);
  if (type === 'bigint' || type === 'int' || type === 'integer') return /^\d{1,18}$/.test(id);
  return true;
}

export const cursorInvalid = () => problem(PLATFORM_PROBLEMS.CURSOR_INVALID);

/** Paging in ascending order of a unique text column (office numbers): the cursor is the last key seen. */
export interface AscendingKey<E> {
  ascending: keyof E & string;
  /** Whether a key read from a cursor is one this list could have produced; CURSOR_INVALID otherwise. */
  valid: (key: string) => boolean;
}

/** Rows of a page as TypeORM reads them: the entities, and the raw rows for columns added with addSelect. */
export type PageRows<E, D> = (rows: E[], raw: Record<string, unknown>[]) => D[] | Promise<D[]>;

/**
 * One page of `qb`, continuing after `cursor`, in one of two orders: newest first by `timeField` (id breaks
 * ties), or ascending by a unique key (AscendingKey). Fetches one row more than asked to know whether a
 * next page exists. Every list of every service pages through here, so all cursors have one format.
 */
export function keysetPage<E extends ObjectLiteral & { id: string }, D>(
  qb: SelectQueryBuilder<E>,
  timeField: keyof E & string,
  cursor: string | undefined,
  limit: number,
  toDto: PageRows<E, D>,
): Promise<Page<D>>;
export function keysetPage<E extends ObjectLiteral, D>(
  qb: SelectQueryBuilder<E>,
  order: AscendingKey<E>,
  cursor: string | undefined,
  limit: number,
  toDto: PageRows<E, D>,
): Promise<Page<D>>;
export async function keysetPage<E extends ObjectLiteral, D>(
  qb: SelectQueryBuilder<E>,
  order: (keyof E & string) | AscendingKey<E>,
  cursor: string | undefined,
  limit: number,
  toDto: PageRows<E, D>,
): Promise<Page<D>> {
  // The first overload is the only one taking a string, and it requires an id column.
  const cursorOf =
    typeof order === 'string'
      ? (newestFirst(qb as SelectQueryBuilder<E & { id: string }>, order, cursor, limit) as CursorOf<E>)
      : ascending(qb, order, cursor, limit);
  const { entities: rows, raw } = await qb.getRawAndEntities<Record<string, unknown>>();
  // limit+1 rows were asked for: the extra one only says that a next page exists.
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await toDto(page, raw.slice(0, page.length)),
    nextCursor: rows.length > limit && last ? cursorOf(last, raw[page.length - 1] ?? {}) : null,
  };
}

/** The next cursor of a page, from its last row (entity and raw). */
type CursorOf<E> = (last: E, raw: Record<string, unknown>) => string | null;

/**
 * The cursor keeps the time's microseconds, so rows written within one millisecond are neither skipped nor
 * repeated.
 */
function newestFirst<E extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<E>,
  timeField: keyof E & string,
  cursor: string | undefined,
  limit: number,
): CursorOf<E> {
  const alias = qb.alias;
  qb.addSelect(`extract(microseconds from ${alias}.${timeField})::int % 1000`, 'cursor_micros')
    .orderBy(`${alias}.${timeField}`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(limit + 1);
  if (cursor) {
    const c = decodeCursor(cursor);
    if (!c || !idFits(qb, c.id)) throw cursorInvalid();
    qb.andWhere(`(${alias}.${timeField}, ${alias}.id) < (CAST(:cursorAt AS timestamptz), :cursorId)`, {
      cursorAt: cursorTime(c),
      cursorId: c.id,
    });
  }
  return (last, raw) => {
    const at = last[timeField] as unknown;
    const micros = Number((raw.cursor_micros as number | string | undefined) ?? 0);
    return at instanceof Date ? encodeCursor({ at, id: last.id, micros }) : null;
  };
}

function ascending<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  order: AscendingKey<E>,
  cursor: string | undefined,
  limit: number,
): CursorOf<E> {
  const column = `${qb.alias}.${order.ascending}`;
  // limit, not take: take would page a query with joins through a second, DISTINCT query.
  qb.orderBy(column, 'ASC').limit(limit + 1);
  if (cursor) {
    const [key, ...rest] = unpackCursor(cursor);
    if (rest.length > 0 || !key || !order.valid(key)) throw cursorInvalid();
    qb.andWhere(`${column} > :cursorKey`, { cursorKey: key });
  }
  return (last) => packCursor([String(last[order.ascending])]);
}
