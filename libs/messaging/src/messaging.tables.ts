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

/**
 * Which messages a consumer has started and not finished, and how often: a message whose handling kills
 * the process (out of memory, a hard exit) is found here after the restart and dead-lettered once it
 * has done so too often, instead of being redelivered forever. Created by a migration of its own.
 */
export async function createConsumerInflightTable(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`CREATE TABLE "${schema}"."consumer_inflight" (
    "consumer" text NOT NULL,
    "topic" text NOT NULL,
    "partition" integer NOT NULL,
    "offset" bigint NOT NULL,
    "event_id" uuid NOT NULL,
    "starts" integer NOT NULL,
    "first_started_at" timestamptz NOT NULL DEFAULT now(),
    "last_started_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_${schema}_consumer_inflight" PRIMARY KEY ("consumer", "topic", "partition", "offset")
  )`);
}

export async function dropConsumerInflightTable(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`DROP TABLE "${schema}"."consumer_inflight"`);
}
