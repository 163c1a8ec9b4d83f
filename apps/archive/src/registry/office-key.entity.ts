import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';

/**
 * A key of an office, issued by an operator or (through ApiKeyIssued events from the gateway) by the office
 * itself. Neither the key nor its hash is kept here: the gateway holds the hash.
 */
@Entity({ name: 'office_keys', schema: ARCHIVE_SCHEMA })
export class OfficeKeyEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  @Column({ name: 'key_prefix', type: 'varchar', length: 16 }) keyPrefix!: string;
  @Column({ type: 'text' }) label!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}
