import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { GATEWAY_SCHEMA } from '../database/schema';

/** An office as the gateway knows it: enough to authenticate it and to accept bundles to and from it. */
@Entity({ name: 'offices', schema: GATEWAY_SCHEMA })
export class OfficeEntity {
  @PrimaryColumn({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'license_active', type: 'boolean', default: false }) licenseActive!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
