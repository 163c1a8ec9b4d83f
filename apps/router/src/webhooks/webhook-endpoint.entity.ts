import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ROUTER_SCHEMA } from '../database/schema';

/**
 * Where (and with which secret) an office wants its pushes; url null once it removed its webhook. The secret
 * is kept sealed (WEBHOOK_SECRET_KEY, context office and URL); `secret` is the plain one of older rows.
 */
@Entity({ name: 'webhook_endpoints', schema: ROUTER_SCHEMA })
export class WebhookEndpointEntity {
  @PrimaryColumn({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  @Column({ type: 'text', nullable: true }) url!: string | null;
  @Column({ type: 'text', nullable: true }) secret!: string | null;
  @Column({ name: 'secret_sealed', type: 'text', nullable: true }) secretSealed!: string | null;
  @Column({ name: 'configured_at', type: 'timestamptz' }) configuredAt!: Date;
}
