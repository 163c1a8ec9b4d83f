import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Actor } from '@careplan/contracts';
import type { ValidationReport } from '@careplan/spec';
import { ARCHIVE_SCHEMA } from '../database/schema';

export const HISTORY_EVENTS = [
  'sent',
  'validated',
  'rejected',
  'delivered',
  'received',
  'downloaded',
  'acknowledged',
] as const;
export type HistoryEvent = (typeof HISTORY_EVENTS)[number];

export interface HistoryFile {
  name: string;
  kind: string;
  size: number;
  sha256: string;
}

/** One step of an exchange as seen by one office: the office-wide history every PC shares. */
@Entity({ name: 'history', schema: ARCHIVE_SCHEMA })
export class HistoryRecordEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  @Column({ type: 'varchar', length: 16 }) event!: HistoryEvent;
  @Column({ type: 'varchar', length: 8 }) role!: 'sender' | 'receiver';
  @Column({ name: 'counterpart_office_number', type: 'varchar', length: 10 })
  counterpartOfficeNumber!: string;
  @Column({ name: 'submission_id', type: 'uuid' }) submissionId!: string;
  @Column({ name: 'delivery_id', type: 'uuid', nullable: true }) deliveryId!: string | null;
  @Column({ type: 'jsonb', default: () => `'[]'` }) files!: HistoryFile[];
  @Column({ type: 'jsonb', nullable: true }) details!: { report?: ValidationReport } | null;
  /** Standard file types of the submission's files (UPPLAN …), derived from their names. */
  @Column({ name: 'file_types', type: 'text', array: true, default: () => `'{}'` }) fileTypes!: string[];
  /** 被保険者番号 appearing in the submission's standard CSV files, read from the bytes at send. */
  @Column({ name: 'insured_numbers', type: 'text', array: true, default: () => `'{}'` })
  insuredNumbers!: string[];
  /** The key or staff user of this office that did it (sent, downloaded, acknowledged); null otherwise. */
  @Column({ type: 'jsonb', nullable: true }) actor!: Actor | null;
  /** The file a download was of (its id in the delivery); null for the whole bundle and every other step. */
  @Column({ name: 'file_id', type: 'uuid', nullable: true }) fileId!: string | null;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
}
