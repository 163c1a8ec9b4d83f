import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { KeyRole } from '@careplan/contracts';
import { GATEWAY_SCHEMA } from '../database/schema';

/** A person of an office who signs in: created, suspended and removed by the office's admins. */
@Entity({ name: 'staff_users', schema: GATEWAY_SCHEMA })
export class StaffUserEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  @Column({ name: 'login_id', type: 'varchar', length: 64 }) loginId!: string;
  @Column({ name: 'display_name', type: 'text' }) displayName!: string;
  @Column({ type: 'varchar', length: 16 }) role!: KeyRole;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  @Column({ name: 'failed_sign_ins', type: 'integer', default: 0 }) failedSignIns!: number;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true }) lastSignInAt!: Date | null;
  @Column({ name: 'suspended_at', type: 'timestamptz', nullable: true }) suspendedAt!: Date | null;
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true }) removedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** One refresh token of a session (chain): only its sha256 is kept. */
@Entity({ name: 'refresh_tokens', schema: GATEWAY_SCHEMA })
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'chain_id', type: 'uuid' }) chainId!: string;
  @Column({ name: 'staff_user_id', type: 'uuid' }) staffUserId!: string;
  @Column({ name: 'token_hash', type: 'char', length: 64 }) tokenHash!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt!: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}
