import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ROUTER_SCHEMA } from '../database/schema';

/** Where (and with which secret) an office wants its pushes; url null once it removed its webhook. */
@Entity({ name: 'webhook_endpoints', schema: ROUTER_SCHEMA })
export class WebhookEndpointEntity {
  @PrimaryColumn({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  @Column({ type: 'text', nullable: true }) url!: string | null;
  @Column({ type: 'text', nullable: true }) secret!: string | null;
  @Column({ name: 'configured_at', type: 'timestamptz' }) configuredAt!: Date;
}
