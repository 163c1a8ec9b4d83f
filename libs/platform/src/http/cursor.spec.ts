import type { SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor, keysetPage } from './cursor';

describe('cursor', () => {
  it('round-trips a position', () => {
    const at = new Date('2026-11-01T09:30:00.123Z');
    expect(decodeCursor(encodeCursor({ at, id: 'abc' }))).toEqual({ at, id: 'abc' });
  });

  it('round-trips a position with the microseconds PostgreSQL keeps', () => {
    const at = new Date('2026-11-01T09:30:00.123Z');
    expect(decodeCursor(encodeCursor({ at, id: 'abc', micros: 45 }))).toEqual({ at, id: 'abc', micros: 45 });
    expect(decodeCursor(Buffer.from('2026-11-01T09:30:00.123045Z|abc').toString('base64url'))).toEqual({
      at,
      id: 'abc',
      micros: 45,
    });
  });

  it.each([
    '',
    'not-base64-!!',
    Buffer.from('2026-13-01|x').toString('base64url'),
    Buffer.from('a|b|c').toString('base64url'),
    Buffer.from('2026-11-01T09:30:00.1234Z|x').toString('base64url'),
    // Valid for Date, not for PostgreSQL (the query failed: "time zone displacement out of range").
    Buffer.from('+275760-09-13T00:00:00.000Z|x').toString('base64url'),
    Buffer.from('-000001-01-01T00:00:00.000Z|x').toString('base64url'),
    Buffer.from('0000-01-01T00:00:00.000Z|x').toString('base64url'),
    Buffer.from('+010000-01-01T00:00:00.000Z|x').toString('base64url'),
  ])('rejects %p', (raw) => expect(decodeCursor(raw)).toBeNull());
});

describe('keysetPage in ascending key order', () => {
  /** Just what keysetPage calls on a query builder, over rows already in key order. */
  const fakeQuery = (keys: string[]) => {
    const where: unknown[] = [];
    let take = Infinity;
    const qb = {
      alias: 'o',
      where,
      orderBy: () => qb,
      limit: (n: number) => ((take = n), qb),
      andWhere: (sql: string, params: { cursorKey: string }) => (where.push(params.cursorKey), qb),
      getRawAndEntities: () => {
        const after = where[0] as string | undefined;
        const rows = keys.filter((k) => after === undefined || k > after).slice(0, take);
        return Promise.resolve({
          entities: rows.map((officeNumber) => ({ officeNumber })),
          raw: rows.map(() => ({})),
        });
      },
    };
    return qb as unknown as SelectQueryBuilder<{ officeNumber: string }> & { where: unknown[] };
  };
  const byNumber = { ascending: 'officeNumber' as const, valid: (k: string) => /^\d{10}$/.test(k) };
  const numbers = (rows: { officeNumber: string }[]) => rows.map((r) => r.officeNumber);

  it('continues after the last key, whose cursor is that key in base64url (the format clients hold)', async () => {
    const first = await keysetPage(
      fakeQuery(['1000000001', '1000000002', '1000000003']),
      byNumber,
      undefined,
      2,
      numbers,
    );
    expect(first).toEqual({
      items: ['1000000001', '1000000002'],
      nextCursor: Buffer.from('1000000002').toString('base64url'),
    });
    const qb = fakeQuery(['1000000001', '1000000002', '1000000003']);
    const second = await keysetPage(qb, byNumber, first.nextCursor ?? undefined, 2, numbers);
    expect([second, qb.where]).toEqual([{ items: ['1000000003'], nextCursor: null }, ['1000000002']]);
  });

  it.each([
    Buffer.from('not-a-number').toString('base64url'),
    Buffer.from('1000000001|x').toString('base64url'),
    'x',
  ])('rejects the cursor %p with CURSOR_INVALID', async (cursor) => {
    await expect(keysetPage(fakeQuery([]), byNumber, cursor, 2, numbers)).rejects.toMatchObject({
      code: 'CURSOR_INVALID',
    });
  });
});
