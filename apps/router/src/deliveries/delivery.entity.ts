import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { ROUTER_SCHEMA } from '../database/schema';

/** A validated submission routed to its receiver: at most one per submission. */
@Entity({ name: 'deliveries', schema: ROUTER_SCHEMA })
export class DeliveryEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'submission_id', type: 'uuid' }) submissionId!: string;
  @Column({ name: 'sender_office_number', type: 'varchar', length: 10 }) senderOfficeNumber!: string;
  @Column({ name: 'receiver_office_number', type: 'varchar', length: 10 }) receiverOfficeNumber!: string;
  /** Id of the delivered event published with it: a re-published event keeps it. */
  @Column({ name: 'event_id', type: 'uuid', nullable: true }) eventId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
