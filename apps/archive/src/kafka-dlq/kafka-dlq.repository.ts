import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PartitionWatermarks, ReadMessage } from '@careplan/messaging';
import { ARCHIVE_SCHEMA } from '../database/schema';
import { dlqIdOf, DlqPosition } from './kafka-dlq.paging';

export interface Replay {
  replayedAt: Date;
  replayedBy: string;
}

const columnsOf = (messages: DlqPosition[]) => [
  messages.map((x) => x.topic),
  messages.map((x) => x.partition),
  messages.map((x) => x.offset),
];

/** Which dead letters were replayed, when and by whom (archive.kafka_dlq_replays), keyed by their id. */
@Injectable()
export class KafkaDlqRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts a replay row per message in the caller's transaction; answers the ids it claimed (all of them with
   * force). A concurrent claim of the same message waits for this transaction, then claims nothing.
   */
  async claim(m: EntityManager, messages: ReadMessage[], by: string, force: boolean): Promise<Set<string>> {
    const onConflict = force
      ? `DO UPDATE SET "replayed_at" = now(), "replayed_by" = EXCLUDED."replayed_by"`
      : 'DO NOTHING';
    const rows = await m.query<{ topic: string; partition: number; offset: string }[]>(
      `INSERT INTO "${ARCHIVE_SCHEMA}"."kafka_dlq_replays" ("topic", "partition", "offset", "replayed_by")
       SELECT t, p, o, $4 FROM unnest($1::text[], $2::int[], $3::bigint[]) AS u(t, p, o)
       ON CONFLICT ("topic", "partition", "offset") ${onConflict}
       RETURNING "topic", "partition", "offset"`,
      [...columnsOf(messages), by],
    );
    return new Set(
      rows.map((r) => dlqIdOf({ topic: r.topic, partition: r.partition, offset: Number(r.offset) })),
    );
  }

  /** The replays of the given messages; a message never replayed has no entry. */
  async replaysOf(messages: ReadMessage[]): Promise<Map<string, Replay>> {
    if (messages.length === 0) return new Map();
    const rows = await this.dataSource.query<
      { topic: string; partition: number; offset: string; replayed_at: Date; replayed_by: string }[]
    >(
      `SELECT r."topic", r."partition", r."offset", r."replayed_at", r."replayed_by"
       FROM "${ARCHIVE_SCHEMA}"."kafka_dlq_replays" r
       JOIN unnest($1::text[], $2::int[], $3::bigint[]) AS u(t, p, o)
         ON r."topic" = u.t AND r."partition" = u.p AND r."offset" = u.o`,
      columnsOf(messages),
    );
    return new Map(
      rows.map((r) => [
        dlqIdOf({ topic: r.topic, partition: r.partition, offset: Number(r.offset) }),
        { replayedAt: r.replayed_at, replayedBy: r.replayed_by },
      ]),
    );
  }

  /** How many of the messages the partitions hold now (offsets low to high) were replayed. */
  async countReplayedWithin(held: PartitionWatermarks[]): Promise<number> {
    if (held.length === 0) return 0;
    const [{ replayed }] = await this.dataSource.query<{ replayed: number }[]>(
      `SELECT count(*)::int AS replayed FROM "${ARCHIVE_SCHEMA}"."kafka_dlq_replays" r
       JOIN unnest($1::text[], $2::int[], $3::bigint[], $4::bigint[]) AS w(t, p, low, high)
         ON r."topic" = w.t AND r."partition" = w.p AND r."offset" >= w.low AND r."offset" < w.high`,
      [
        held.map((w) => w.topic),
        held.map((w) => w.partition),
        held.map((w) => w.low),
        held.map((w) => w.high),
      ],
    );
    return replayed;
  }
}
