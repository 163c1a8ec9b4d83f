import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ROUTER_SCHEMA } from '../database/schema';

/** A webhook push that finally failed; open while `replayedAt` is null. */
@Entity({ name: 'webhook_dead_letters', schema: ROUTER_SCHEMA })
export class WebhookDeadLetterEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'job_id', type: 'text' }) jobId!: string;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'event_type', type: 'varchar', length: 40 }) eventType!: string;
  @Column({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  // Computed by PostgreSQL from office_number.
  @Column({ type: 'char', length: 2, insert: false, update: false }) prefecture!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ name: 'delivery_id', type: 'uuid', nullable: true }) deliveryId!: string | null;
  @Column({ name: 'submission_id', type: 'uuid' }) submissionId!: string;
  @Column({ name: 'job_data', type: 'jsonb' }) jobData!: Record<string, unknown>;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ name: 'last_error', type: 'text' }) lastError!: string;
  @Column({ name: 'failed_at', type: 'timestamptz' }) failedAt!: Date;
  @Column({ name: 'replay_requested_at', type: 'timestamptz', nullable: true })
  replayRequestedAt!: Date | null;
  @Column({ name: 'replayed_at', type: 'timestamptz', nullable: true }) replayedAt!: Date | null;
}
