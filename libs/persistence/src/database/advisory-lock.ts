import { EntityManager } from 'typeorm';

/**
 * Waits for, then holds until the transaction of `m` ends, the advisory lock named `key`: serialises
 * work on one thing (an office, a pair) that may have no row to lock yet.
 */
export async function advisoryLock(m: EntityManager, key: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
}
