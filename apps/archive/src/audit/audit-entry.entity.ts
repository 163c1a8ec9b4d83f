import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';

/** One operator action. The table refuses UPDATE, DELETE and TRUNCATE (trigger): insert only. */
@Entity({ name: 'audit_log', schema: ARCHIVE_SCHEMA })
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  @Column({ name: 'operator_id', type: 'uuid', nullable: true }) operatorId!: string | null;
  @Column({ name: 'operator_name', type: 'text' }) operatorName!: string;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Column({ type: 'char', length: 2, nullable: true }) prefecture!: string | null;
  @Column({ type: 'text' }) target!: string;
  @Column({ type: 'jsonb', default: () => `'{}'` }) details!: Record<string, unknown>;
}
