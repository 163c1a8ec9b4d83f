import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { BaseEvent, EventClass } from '@careplan/contracts';
import { KafkaService } from './kafka.service';

/**
 * Records an event in the same transaction as the change it describes, so that the change and the
 * event are committed together or not at all. The relay publishes it afterwards.
 */
export async function addToOutbox<T extends BaseEvent>(
  manager: EntityManager,
  schema: string,
  eventClass: EventClass<T>,
  key: string,
  event: T,
): Promise<void> {
  await manager.query(`INSERT INTO "${schema}"."outbox" (topic, key, payload) VALUES ($1, $2, $3)`, [
    eventClass.topic,
    key,
    JSON.stringify(event),
  ]);
}

/** A statement with its parameters: an INSERT … ON CONFLICT DO NOTHING RETURNING … of the change. */
export interface InsertStatement {
  text: string;
  values: unknown[];
}

/**
 * Inserts the change and, only if it inserted a row (not a conflict), adds its event to the outbox: one round
 * trip for both, in the caller's transaction. False when the change was already there (nothing is added).
 */
export async function insertThenAddToOutbox<T extends BaseEvent>(
  manager: EntityManager,
  schema: string,
  insert: InsertStatement,
  eventClass: EventClass<T>,
  key: string,
  event: T,
): Promise<boolean> {
  const n = insert.values.length;
  const added = await manager.query<unknown[]>(
    `WITH change AS (${insert.text})
     INSERT INTO "${schema}"."outbox" (topic, key, payload)
     SELECT $${n + 1}, $${n + 2}, $${n + 3} FROM change RETURNING id`,
    [...insert.values, eventClass.topic, key, JSON.stringify(event)],
  );
  return added.length > 0;
}

/** The fields of an event besides its id and time, which `publishEvent` stamps. */
export type EventFields<T extends BaseEvent> = Omit<T, 'eventId' | 'occurredAt'>;

/** Overrides of the stamp: a re-published event keeps its original id, a dated change its own time. */
export interface EventStamp {
  eventId?: string;
  occurredAt?: Date;
}

/**
 * Builds an event of `eventClass` (a new id and now, unless `stamp` says otherwise) and adds it to the
 * outbox of `schema` in the transaction of `manager`; returns the event as recorded.
 */
export async function publishEvent<T extends BaseEvent>(
  manager: EntityManager,
  schema: string,
  eventClass: EventClass<T>,
  key: string,
  fields: EventFields<T>,
  stamp: EventStamp = {},
): Promise<T> {
  const event = stampEvent(eventClass, fields, stamp);
  await addToOutbox(manager, schema, eventClass, key, event);
  return event;
}

/** An event of `eventClass` with its fields, a new id and now (unless `stamp` says otherwise). */
export function stampEvent<T extends BaseEvent>(
  eventClass: EventClass<T>,
  fields: EventFields<T>,
  stamp: EventStamp = {},
): T {
  return Object.assign(new eventClass(), {
    eventId: stamp.eventId ?? randomUUID(),
    occurredAt: (stamp.occurredAt ?? new Date()).toISOString(),
    ...fields,
  });
}

/** Something that publishes the outbox sooner than its next poll: the relay (absent in tools). */
export interface Nudger {
  nudge(): void;
}

/**
 * Runs `work` in a transaction of `dataSource` and, once it has committed, nudges `relay` so that the
 * events it added go out now; a transaction that fails nudges nothing.
 */
export async function inTransactionThenNudge<T>(
  dataSource: DataSource,
  relay: Nudger | undefined,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const result = await dataSource.transaction(work);
  relay?.nudge();
  return result;
}

interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  payload: unknown;
}

const BATCH = 500;
const IDLE_MS = 250;
// Capped low: once Kafka is back the backlog goes out within a second.
const MAX_BACKOFF_MS = 1000;

/**
 * Publishes outbox rows to Kafka in commit order. One relay at a time per schema holds an advisory
 * lock, so several instances of a service never reorder events; a crash between send and delete
 * re-sends, and consumers deduplicate on the event id.
 */
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private wake: (() => void) | null = null;
  /** A nudge came while a batch was being published: its rows may have missed that batch's SELECT. */
  private nudged = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaService,
    private readonly schema: string,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
  }

  /** Publish now rather than at the next poll (called after a commit that added events). */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** Publishes one batch; returns how many rows went out. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = await m.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
        [`outbox:${this.schema}`],
      );
      if (!locked) return 0;
      const rows = await m.query<OutboxRow[]>(
        `SELECT id, topic, key, payload FROM "${this.schema}"."outbox" ORDER BY id LIMIT $1`,
        [BATCH],
      );
      // Everything the poll found in one produce request: each topic keeps its commit order, which is
      // all order means across partitions (one key stays on one partition).
      await this.kafka.sendBatch(
        groupByTopic(rows).map((group) => ({
          topic: group.topic,
          messages: group.rows.map((r) => ({ key: r.key, value: JSON.stringify(r.payload) })),
        })),
      );
      if (rows.length > 0) {
        await m.query(`DELETE FROM "${this.schema}"."outbox" WHERE id = ANY($1::bigint[])`, [
          rows.map((r) => r.id),
        ]);
      }
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    let backoff = IDLE_MS;
    while (this.running) {
      try {
        this.nudged = false;
        const sent = await this.publishBatch();
        backoff = IDLE_MS;
        // A full batch, or a commit nudged meanwhile: go again now instead of waiting for the next poll.
        if (sent === BATCH || this.nudged) continue;
      } catch (e) {
        this.logger.warn(`outbox publish failed, retrying in ${backoff} ms: ${String(e)}`);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoff);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}

/** Groups rows by topic, in the order each topic first appears, keeping the rows' order within each. */
export function groupByTopic<T extends { topic: string }>(rows: T[]): { topic: string; rows: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.topic);
    if (group) group.push(row);
    else groups.set(row.topic, [row]);
  }
  return [...groups].map(([topic, grouped]) => ({ topic, rows: grouped }));
}
