// Fixtures of the messaging integration specs (never imported by production code): a test event, a schema
// with the messaging tables and an effects table, and a handler that records what it applied.
import { randomUUID } from 'node:crypto';
import { IsString } from 'class-validator';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { BaseEvent } from '@careplan/contracts';
import { migratedDataSource } from '@careplan/persistence';
import type { EventHandler } from '../event-consumer';
import { createConsumerInflightTable, createMessagingTables } from '../messaging.tables';

export class PingEvent extends BaseEvent {
  static readonly topic = 'careplan.test.ping.v1';
  @IsString() text!: string;
}

export const ping = (text: string): PingEvent =>
  Object.assign(new PingEvent(), { eventId: randomUUID(), occurredAt: new Date().toISOString(), text });

/** A migration creating `schema` with the messaging tables (outbox, ledgers) and an effects table. */
export function pingMigration(schema: string): new () => MigrationInterface {
  return class PingFixture1764900005000 implements MigrationInterface {
    name = 'PingFixture1764900005000';
    async up(q: QueryRunner): Promise<void> {
      await q.query(
        `CREATE TABLE "${schema}"."effects" (consumer text NOT NULL, event_id uuid NOT NULL, text text NOT NULL)`,
      );
      await createMessagingTables(q, schema);
      await createConsumerInflightTable(q, schema);
    }
    async down(): Promise<void> {}
  };
}

/** A data source over `schema`, migrated with the ping fixture's tables, in the test database at `url`. */
export function pingDataSource(url: string, schema: string): Promise<DataSource> {
  return migratedDataSource(url, [{ schema, entities: [], migrations: [pingMigration(schema)] }]);
}

/** Records each applied event as a row of `effects`, in the consumer's transaction. */
export function recordingHandler(schema: string, consumer: string): EventHandler<PingEvent> {
  return {
    event: PingEvent,
    handle: async (e, m) => {
      await m.query(`INSERT INTO "${schema}"."effects" (consumer, event_id, text) VALUES ($1, $2, $3)`, [
        consumer,
        e.eventId,
        e.text,
      ]);
    },
  };
}

/** The texts one consumer applied, in the order it applied them. */
export async function effectsOf(ds: DataSource, schema: string, consumer: string): Promise<string[]> {
  const rows = await ds.query<{ text: string }[]>(
    `SELECT text FROM "${schema}"."effects" WHERE consumer = $1 ORDER BY ctid`,
    [consumer],
  );
  return rows.map((r) => r.text);
}
