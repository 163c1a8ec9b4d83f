import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import type { Actor } from '@careplan/contracts';
import type { ValidationReport } from '@careplan/spec';
import { GATEWAY_SCHEMA } from '../database/schema';
import { SubmissionFileEntity } from './submission-file.entity';

export const SUBMISSION_STATUSES = [
  'accepted',
  'validated',
  'rejected',
  'delivered',
  'downloaded',
  'acknowledged',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** One sender → one receiver bundle, as accepted by the gateway. */
@Entity({ name: 'submissions', schema: GATEWAY_SCHEMA })
export class SubmissionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'sender_office_number', type: 'varchar', length: 10 }) senderOfficeNumber!: string;
  @Column({ name: 'receiver_office_number', type: 'varchar', length: 10 }) receiverOfficeNumber!: string;
  /** 1, 2, 3 … per sender → receiver pair, in acceptance order: receivers import in this order. */
  @Column({ name: 'pair_seq', type: 'bigint', transformer: { to: (v: number) => v, from: Number } })
  pairSeq!: number;
  @Column({ type: 'varchar', length: 16 }) status!: SubmissionStatus;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true }) idempotencyKey!:
    string | null;
  @Column({ name: 'request_hash', type: 'char', length: 64 }) requestHash!: string;
  @Column({ type: 'jsonb', nullable: true }) report!: ValidationReport | null;
  @CreateDateColumn({ name: 'accepted_at', type: 'timestamptz' }) acceptedAt!: Date;
  @Column({ name: 'validated_at', type: 'timestamptz', nullable: true }) validatedAt!: Date | null;
  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true }) rejectedAt!: Date | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ name: 'downloaded_at', type: 'timestamptz', nullable: true }) downloadedAt!: Date | null;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt!: Date | null;
  /** The id of its received event: a re-drive publishes it again under this id. */
  @Column({ name: 'received_event_id', type: 'uuid', nullable: true }) receivedEventId!: string | null;
  /** The key or staff user that sent it: its received event names it, at acceptance and at a re-drive alike. */
  @Column({ name: 'sender_actor', type: 'jsonb', nullable: true }) senderActor!: Actor | null;
  @Column({ name: 'redriven_at', type: 'timestamptz', nullable: true }) redrivenAt!: Date | null;
  @Column({ name: 'redrive_count', type: 'integer', default: 0 }) redriveCount!: number;
  @OneToMany(() => SubmissionFileEntity, (f) => f.submission) files!: SubmissionFileEntity[];
}
