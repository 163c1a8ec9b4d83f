import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';

/** One `.dlq` message put back on its original topic: replayed once unless forced. */
@Entity({ name: 'kafka_dlq_replays', schema: ARCHIVE_SCHEMA })
export class KafkaDlqReplayEntity {
  /** The dead-letter topic without the deployment's prefix, e.g. careplan.submission.received.v1.dlq. */
  @PrimaryColumn({ type: 'text' }) topic!: string;
  @PrimaryColumn({ type: 'int' }) partition!: number;
  @PrimaryColumn({ type: 'bigint' }) offset!: string;
  @Column({ name: 'replayed_at', type: 'timestamptz', default: () => 'now()' }) replayedAt!: Date;
  @Column({ name: 'replayed_by', type: 'text' }) replayedBy!: string;
}
