import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { HistoryKeys } from '@careplan/contracts';
import { VALIDATOR_SCHEMA } from '../database/schema';

/** The verdict on one submission, kept so that a re-validation can be compared and audited. */
@Entity({ name: 'validations', schema: VALIDATOR_SCHEMA })
export class ValidationEntity {
  @PrimaryColumn({ name: 'submission_id', type: 'uuid' }) submissionId!: string;
  @Column({ type: 'boolean' }) ok!: boolean;
  @Column({ name: 'error_count', type: 'integer' }) errorCount!: number;
  @Column({ name: 'warning_count', type: 'integer' }) warningCount!: number;
  @Column({ type: 'jsonb' }) report!: object;
  @Column({ name: 'duration_ms', type: 'integer' }) durationMs!: number;
  /** Id of the verdict event published with it: a re-published verdict keeps it. */
  @Column({ name: 'verdict_event_id', type: 'uuid', nullable: true }) verdictEventId!: string | null;
  /** The verdict's historyKeys (被保険者番号 for the archive's search); null for rows older than them. */
  @Column({ name: 'history_keys', type: 'jsonb', nullable: true }) historyKeys!: HistoryKeys | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
