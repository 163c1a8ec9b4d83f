import { EntityManager } from 'typeorm';

/**
 * Waits for, then holds until the transaction of `m` ends, the advisory lock named `key`: serialises
 * work on one thing (an office, a pair) that may have no row to lock yet.
 */
export async function advisoryLock(m: EntityManager, key: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
}

/**
 * The advisory locks of all these keys in one round trip, taken in the order of their hashes (the locks' own
 * names), so that two transactions locking overlapping sets cannot wait on each other in a circle.
 */
export async function advisoryLocks(m: EntityManager, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  if (keys.length === 1) return advisoryLock(m, keys[0]);
  await m.query(
    `SELECT pg_advisory_xact_lock(h)
       FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) AS k ORDER BY h) AS ordered`,
    [keys],
  );
}
