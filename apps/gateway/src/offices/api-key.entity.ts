import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { KeyRole } from '@careplan/contracts';
import { GATEWAY_SCHEMA } from '../database/schema';

/** One key per PC or program of an office; only its sha256 is kept. */
@Entity({ name: 'api_keys', schema: GATEWAY_SCHEMA })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  @Column({ name: 'key_hash', type: 'char', length: 64 }) keyHash!: string;
  @Column({ name: 'key_prefix', type: 'varchar', length: 16 }) keyPrefix!: string;
  @Column({ type: 'text', default: '' }) label!: string;
  @Column({ type: 'varchar', length: 16, default: 'member' }) role!: KeyRole;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true }) lastUsedAt!: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}
