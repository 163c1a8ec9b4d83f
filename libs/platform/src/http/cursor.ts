import { HttpStatus } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppException } from '../errors/app.exception';
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

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${cursorTime(c)}|${c.id}`, 'utf8').toString('base64url');
}

/** The cursor's time as ISO 8601 with microseconds when it has them. */
function cursorTime(c: Cursor): string {
  const iso = c.at.toISOString();
  return c.micros ? iso.replace(/Z$/, `${String(c.micros).padStart(3, '0')}Z`) : iso;
}

/** Returns null for anything that is not a cursor this service made. */
export function decodeCursor(raw: string): Cursor | null {
  const [at, id, ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
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

export const cursorInvalid = () =>
  new AppException('CURSOR_INVALID', HttpStatus.BAD_REQUEST, {
    ja: 'cursor の値が正しくありません。',
    en: 'The cursor is not valid.',
  });

/**
 * One newest-first page of `qb` ordered by `<alias>.<timeField>, <alias>.id`, continuing after `cursor`.
 * Fetches one row more than asked to know whether a next page exists. The cursor keeps the time's
 * microseconds, so rows written within one millisecond are neither skipped nor repeated.
 */
export async function keysetPage<E extends ObjectLiteral & { id: string }, D>(
  qb: SelectQueryBuilder<E>,
  timeField: keyof E & string,
  cursor: string | undefined,
  limit: number,
  toDto: (rows: E[]) => D[] | Promise<D[]>,
): Promise<Page<D>> {
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
  const { entities: rows, raw } = await qb.getRawAndEntities<{ cursor_micros: number | string }>();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const at = last?.[timeField] as unknown;
  const micros = Number(raw[page.length - 1]?.cursor_micros ?? 0);
  return {
    items: await toDto(page),
    nextCursor:
      rows.length > limit && last && at instanceof Date ? encodeCursor({ at, id: last.id, micros }) : null,
  };
}
