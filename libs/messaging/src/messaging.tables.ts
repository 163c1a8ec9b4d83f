import { QueryRunner } from 'typeorm';

/**
 * The outbox (events committed with the change that caused them) and the processed-events ledger
 * (consumer idempotency), created inside a service's own schema by that service's migration.
 */
export async function createMessagingTables(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`CREATE TABLE "${schema}"."outbox" (
    "id" bigserial PRIMARY KEY,
    "topic" text NOT NULL,
    "key" text NOT NULL,
    "payload" jsonb NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT now()
  )`);
  await q.query(`CREATE TABLE "${schema}"."processed_events" (
    "consumer" text NOT NULL,
    "event_id" uuid NOT NULL,
    "topic" text NOT NULL,
    "processed_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_${schema}_processed_events" PRIMARY KEY ("consumer", "event_id")
  )`);
}

export async function dropMessagingTables(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`DROP TABLE "${schema}"."processed_events"`);
  await q.query(`DROP TABLE "${schema}"."outbox"`);
}
