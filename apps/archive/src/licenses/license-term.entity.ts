import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';
import type { BillingMethod } from './license.rules';

/** One year of a license; its fee and billing method are fixed when the term is created (billing reads them). */
@Entity({ name: 'license_terms', schema: ARCHIVE_SCHEMA })
export class LicenseTermEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  @Column({ name: 'term_no', type: 'integer' }) termNo!: number;
  @Column({ name: 'application_date', type: 'date' }) applicationDate!: string;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  @Column({ name: 'end_date', type: 'date' }) endDate!: string;
  @Column({ name: 'fee_yen', type: 'integer' }) feeYen!: number;
  @Column({ name: 'billing_method', type: 'varchar', length: 16 }) billingMethod!: BillingMethod;
  @Column({ name: 'campaign_code', type: 'varchar', length: 40, nullable: true }) campaignCode!:
    string | null;
  @Column({ name: 'free_until', type: 'date', nullable: true }) freeUntil!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
