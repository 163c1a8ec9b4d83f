import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';

export const OPERATOR_ROLES = ['central', 'prefecture'] as const;
/** central: 国保中央会, everything; prefecture: one federation (国保連合会), its prefecture only. */
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

@Entity({ name: 'operators', schema: ARCHIVE_SCHEMA })
export class OperatorEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'varchar', length: 16 }) role!: OperatorRole;
  @Column({ type: 'char', length: 2, nullable: true }) prefecture!: string | null;
  @Column({ name: 'token_hash', type: 'char', length: 64 }) tokenHash!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** Set once by a central administrator: the token is refused from then on (OPS_TOKEN_REVOKED). */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  /** The console password (scrypt, see console-auth/password.ts); null until the set-up link is used. */
  @Column({ name: 'password_hash', type: 'text', nullable: true }) passwordHash!: string | null;
  /** The TOTP secret (base32, sealed when CONSOLE_TOTP_KEY is set); null until enrolment. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true }) totpSecret!: string | null;
  /** The last TOTP time step that signed in: a code is good once. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true }) totpLastStep!: string | null;
}
