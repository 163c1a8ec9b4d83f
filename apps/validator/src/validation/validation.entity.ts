import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
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
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
