import { DataSource } from 'typeorm';
import { createTestDatabase, eventually, TestDatabase } from '@careplan/testing';
import { advisoryLock, advisoryLocks } from './advisory-lock';

describe('advisoryLock on the real PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource({ type: 'postgres', url: db.url }).initialize();
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('makes a second transaction on the same key wait until the first one commits', async () => {
    const steps: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const firstLocked = new Promise<void>((resolve) => (locked = resolve));
    const first = ds.transaction(async (m) => {
      await advisoryLock(m, 'office:0000000001');
      locked();
      await held;
      steps.push('first commits');
    });
    await firstLocked;
    const second = ds.transaction(async (m) => {
      await advisoryLock(m, 'office:0000000001');
      steps.push('second locked');
    });
    // The second is seen waiting on the advisory lock the first holds, not merely slow.
    await eventually(
      () =>
        ds.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        ),
      ([row]) => row.n === 1,
      10_000,
      20,
    );
    expect(steps).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(steps).toEqual(['first commits', 'second locked']);
  });

  it('does not hold back a transaction on another key', async () => {
    await ds.transaction(async (m) => {
      await advisoryLock(m, 'office:0000000002');
      await ds.transaction((other) => advisoryLock(other, 'office:0000000003'));
    });
  });

  it('takes a set of locks in one statement and holds each until the transaction ends', async () => {
    const keys = ['pair:a', 'pair:b', 'pair:c', 'pair:b'];
    const free = (key: string) =>
      ds
        .query<{ ok: boolean }[]>(`SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [key])
        .then(async ([row]) => {
          if (row.ok) await ds.query(`SELECT pg_advisory_unlock(hashtext($1))`, [key]);
          return row.ok;
        });
    await ds.transaction(async (m) => {
      await advisoryLocks(m, keys);
      // Another session finds every key taken, and a key outside the set free.
      expect(await Promise.all(['pair:a', 'pair:b', 'pair:c', 'pair:d'].map(free))).toEqual([
        false,
        false,
        false,
        true,
      ]);
    });
    expect(await Promise.all(['pair:a', 'pair:b', 'pair:c'].map(free))).toEqual([true, true, true]);
  });

  it('lets two transactions lock overlapping sets given in opposite orders without a deadlock', async () => {
    const sets = [
      ['x:1', 'x:2', 'x:3', 'x:4'],
      ['x:4', 'x:3', 'x:2', 'x:1'],
    ];
    const runs = Array.from({ length: 20 }, (_, i) =>
      ds.transaction(async (m) => {
        await advisoryLocks(m, sets[i % 2]);
        await m.query('SELECT pg_sleep(0.005)');
      }),
    );
    await expect(Promise.all(runs)).resolves.toHaveLength(20);
  });
});
