import { DataSource } from 'typeorm';

/** Where a message sits in Kafka: what identifies it across redeliveries. */
export interface MessagePosition {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * The consumer_inflight ledger of one consumer: a row per message started and not yet finished, with
 * how many times it was started. One upsert per message, or per batch of one partition's messages; the row is
 * deleted in the transaction that records the event's effect (see EventConsumer.apply and applyAll), so a
 * finished message leaves nothing behind.
 */
export class InflightLedger {
  readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    private readonly consumer: string,
  ) {
    this.table = `"${schema}"."consumer_inflight"`;
  }

  /** Records one more start of the message; returns its starts so far, this one included. */
  async start(at: MessagePosition, eventId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ starts: number }[]>(
      `INSERT INTO ${this.table} AS t (consumer, topic, partition, "offset", event_id, starts)
       VALUES ($1, $2, $3, $4, $5, 1)
       ON CONFLICT (consumer, topic, partition, "offset")
       DO UPDATE SET starts = t.starts + 1, last_started_at = now()
       RETURNING starts`,
      [this.consumer, at.topic, at.partition, at.offset, eventId],
    );
    return row.starts;
  }

  /**
   * Records one more start of each of `offsets` (messages of one partition), in one statement; returns
   * each one's starts so far, this one included, in the order given.
   */
  async startAll(
    topic: string,
    partition: number,
    messages: { offset: string; eventId: string }[],
  ): Promise<number[]> {
    const rows = await this.dataSource.query<{ offset: string; starts: number }[]>(
      `INSERT INTO ${this.table} AS t (consumer, topic, partition, "offset", event_id, starts)
       SELECT $1, $2, $3, o, e, 1 FROM unnest($4::bigint[], $5::uuid[]) AS m(o, e)
       ON CONFLICT (consumer, topic, partition, "offset")
       DO UPDATE SET starts = t.starts + 1, last_started_at = now()
       RETURNING "offset"::text AS "offset", starts`,
      [this.consumer, topic, partition, messages.map((m) => m.offset), messages.map((m) => m.eventId)],
    );
    const starts = new Map(rows.map((r) => [r.offset, r.starts]));
    return messages.map((m) => starts.get(m.offset) ?? 1);
  }

  /** Takes back the starts of messages of one partition that ended without a crash, in one statement. */
  async releaseAll(topic: string, partition: number, offsets: string[]): Promise<void> {
    if (offsets.length === 0) return;
    await this.dataSource.query(
      `UPDATE ${this.table} SET starts = starts - 1
        WHERE consumer = $1 AND topic = $2 AND partition = $3 AND "offset" = ANY($4::bigint[]) AND starts > 0`,
      [this.consumer, topic, partition, offsets],
    );
  }

  /** Takes back a start that ended without a crash (the consumer stopped, the partition moved). */
  async release(at: MessagePosition): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table} SET starts = starts - 1
        WHERE consumer = $1 AND topic = $2 AND partition = $3 AND "offset" = $4 AND starts > 0`,
      [this.consumer, at.topic, at.partition, at.offset],
    );
  }

  /** Forgets a message that was dealt with outside the effect's transaction (dead-lettered). */
  async forget(at: MessagePosition): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM ${this.table} WHERE consumer = $1 AND topic = $2 AND partition = $3 AND "offset" = $4`,
      [this.consumer, at.topic, at.partition, at.offset],
    );
  }
}
