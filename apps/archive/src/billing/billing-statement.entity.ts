import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';
import type { StatementContent } from './statement';

/** A generated monthly statement; a new revision only when the content (hash) differs. */
@Entity({ name: 'billing_statements', schema: ARCHIVE_SCHEMA })
export class BillingStatementEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'char', length: 2 }) prefecture!: string;
  @Column({ type: 'char', length: 7 }) month!: string;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ name: 'content_hash', type: 'char', length: 64 }) contentHash!: string;
  @Column({ type: 'jsonb' }) body!: StatementContent;
  @CreateDateColumn({ name: 'generated_at', type: 'timestamptz' }) generatedAt!: Date;
}
