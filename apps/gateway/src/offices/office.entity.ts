import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { GATEWAY_SCHEMA } from '../database/schema';

/** An office as the gateway knows it: enough to authenticate it and to accept bundles to and from it. */
@Entity({ name: 'offices', schema: GATEWAY_SCHEMA })
export class OfficeEntity {
  @PrimaryColumn({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'license_active', type: 'boolean', default: false }) licenseActive!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  // Projected from the archive's registry events (apps/gateway/src/registry).
  @Column({ type: 'varchar', length: 50, default: '' }) kind!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ name: 'license_state', type: 'varchar', length: 16, default: 'none' }) licenseState!: string;
  @Column({ name: 'license_valid_until', type: 'date', nullable: true }) licenseValidUntil!: string | null;
}
