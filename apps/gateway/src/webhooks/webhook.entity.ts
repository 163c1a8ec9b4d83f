import { Column, Entity, PrimaryColumn } from 'typeorm';
import { GATEWAY_SCHEMA } from '../database/schema';

/**
 * An office's webhook endpoint. The signing secret is not kept here: it travels once to the router
 * (which signs) and once to the vendor (in the PUT response).
 */
@Entity({ name: 'webhooks', schema: GATEWAY_SCHEMA })
export class WebhookEntity {
  @PrimaryColumn({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
