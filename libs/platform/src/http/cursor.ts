import { HttpStatus } from '@nestjs/common';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppException } from '../errors/app.exception';

/** Keyset position (timestamp + id tie-breaker) for stable pagination of newest-first lists. */
export interface Cursor {
  at: Date;
  id: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.at.toISOString()}|${c.id}`, 'utf8').toString('base64url');
}

/** Returns null for anything that is not a cursor this service made. */
export function decodeCursor(raw: string): Cursor | null {
  const [at, id, ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !at || !id) return null;
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== at) return null;
  return { at: date, id };
}

export const cursorInvalid = () =>
  new AppException('CURSOR_INVALID', HttpStatus.BAD_REQUEST, {
    ja: 'cursor の値が正しくありません。',
    en: 'The cursor is not valid.',
  });

/**
 * One newest-first page of `qb` ordered by `<alias>.<timeField>, <alias>.id`, continuing after `cursor`.
 * Fetches one row more than asked to know whether a next page exists.
 */
export async function keysetPage<E extends ObjectLiteral & { id: string }, D>(
  qb: SelectQueryBuilder<E>,
  timeField: keyof E & string,
  cursor: string | undefined,
  limit: number,
  toDto: (rows: E[]) => D[] | Promise<D[]>,
): Promise<Page<D>> {
  const alias = qb.alias;
  qb.orderBy(`${alias}.${timeField}`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(limit + 1);
  if (cursor) {
    const c = decodeCursor(cursor);
    if (!c) throw cursorInvalid();
    qb.andWhere(`(${alias}.${timeField}, ${alias}.id) < (:cursorAt, :cursorId)`, {
      cursorAt: c.at,
      cursorId: c.id,
    });
  }
  const rows = await qb.getMany();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const at = last?.[timeField] as unknown;
  return {
    items: await toDto(page),
    nextCursor: rows.length > limit && last && at instanceof Date ? encodeCursor({ at, id: last.id }) : null,
  };
}
