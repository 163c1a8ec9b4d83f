import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';

/**
 * A one-time set-up link: the operator chooses a password and enrols the TOTP secret made with the link. Only
 * the token's sha256 is kept.
 */
@Entity({ name: 'console_setup_tokens', schema: ARCHIVE_SCHEMA })
export class SetupTokenEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 }) tokenHash!: string;
  @Column({ name: 'operator_id', type: 'uuid' }) operatorId!: string;
  /** Base32, sealed when CONSOLE_TOTP_KEY is set. */
  @Column({ name: 'totp_secret', type: 'text' }) totpSecret!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt!: Date | null;
}
