import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ROUTER_SCHEMA } from '../database/schema';

const TABLE = `"${ROUTER_SCHEMA}"."webhook_pushes"`;

export type PushClaim =
  | { state: 'claimed'; token: string }
  /** Sent before: BullMQ ran the job again (stalled, its completion lost in a Redis outage). */
  | { state: 'delivered' }
  /** Another run of the same job is pushing now (its lease not yet over). */
  | { state: 'in-flight' };

/**
 * The record of sent pushes that makes a push at most once per event and office, in PostgreSQL rather than
 * in BullMQ's completion (which a Redis outage can lose). An attempt claims the push for a lease before it
 * POSTs and marks it delivered after; a failed attempt releases it, so retries stay at-least-once.
 */
@Injectable()
export class WebhookPushesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(jobId: string, eventId: string, officeNumber: string, leaseMs: number): Promise<PushClaim> {
    const token = randomUUID();
    const claimed = await this.dataSource.query<unknown[]>(
      `INSERT INTO ${TABLE} (job_id, event_id, office_number, claim_token, claimed_until)
       VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')
       ON CONFLICT (job_id) DO UPDATE
         SET claim_token = EXCLUDED.claim_token, claimed_until = EXCLUDED.claimed_until
         WHERE "webhook_pushes".delivered_at IS NULL
           AND ("webhook_pushes".claimed_until IS NULL OR "webhook_pushes".claimed_until < now())
       RETURNING job_id`,
      [jobId, eventId, officeNumber, token, leaseMs],
    );
    if (claimed.length > 0) return { state: 'claimed', token };
    const [row] = await this.dataSource.query<{ delivered: boolean }[]>(
      `SELECT delivered_at IS NOT NULL AS delivered FROM ${TABLE} WHERE job_id = $1`,
      [jobId],
    );
    return row?.delivered ? { state: 'delivered' } : { state: 'in-flight' };
  }

  /** Marked whoever holds the claim now: the receiver has it, whichever run sent it. */
  async markDelivered(jobId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${TABLE} SET delivered_at = now(), claim_token = NULL, claimed_until = NULL WHERE job_id = $1`,
      [jobId],
    );
  }

  /** After a failed attempt: the next one (a retry, a replay) may push at once. */
  async release(jobId: string, token: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${TABLE} SET claim_token = NULL, claimed_until = NULL WHERE job_id = $1 AND claim_token = $2`,
      [jobId, token],
    );
  }

  /** Forgets pushes delivered before `days` ago: BullMQ dropped their jobs long before (after a week). */
  async prune(days: number): Promise<number> {
    const [, removed] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM ${TABLE} WHERE delivered_at < now() - $1 * interval '1 day'`,
      [days],
    );
    return removed;
  }
}
