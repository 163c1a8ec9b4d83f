import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { GATEWAY_SCHEMA } from '../database/schema';

/** A delivery in the receiver's inbox, projected from the router's delivered events. */
@Entity({ name: 'inbox_entries', schema: GATEWAY_SCHEMA })
export class InboxEntryEntity {
  /** The router's delivery id. */
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'submission_id', type: 'uuid' }) submissionId!: string;
  @Column({ name: 'receiver_office_number', type: 'varchar', length: 10 }) receiverOfficeNumber!: string;
  @Column({ name: 'sender_office_number', type: 'varchar', length: 10 }) senderOfficeNumber!: string;
  @CreateDateColumn({ name: 'delivered_at', type: 'timestamptz' }) deliveredAt!: Date;
  @Column({ name: 'downloaded_at', type: 'timestamptz', nullable: true }) downloadedAt!: Date | null;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt!: Date | null;
}
