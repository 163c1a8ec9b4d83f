import type { LicenseState } from '@careplan/contracts';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';
import type { BillingMethod, LicenseStatus } from './license.rules';

/** One license per office number, any number of PCs. */
@Entity({ name: 'licenses', schema: ARCHIVE_SCHEMA })
export class LicenseEntity {
  @PrimaryColumn({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  /** What operators decided (active, suspended, ended). */
  @Column({ type: 'varchar', length: 16 }) status!: LicenseStatus;
  /** The last state published to the gateway (status and calendar together). */
  @Column({ type: 'varchar', length: 16 }) state!: LicenseState;
  @Column({ name: 'billing_method', type: 'varchar', length: 16 }) billingMethod!: BillingMethod;
  @Column({ name: 'auto_renew', type: 'boolean', default: true }) autoRenew!: boolean;
  @Column({ name: 'first_start', type: 'date' }) firstStart!: string;
  @Column({ name: 'last_end', type: 'date' }) lastEnd!: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
