import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditActorType } from '@careplan/contracts';
import { GATEWAY_SCHEMA } from '../database/schema';

/** What an office's audit trail records: every change of its keys and staff users. */
export const OFFICE_AUDIT_ACTIONS = [
  'key.issued',
  'key.revoked',
  'staff.created',
  'staff.renamed',
  'staff.role_changed',
  'staff.suspended',
  'staff.resumed',
  'staff.password_reset',
  'staff.removed',
  'staff.locked',
] as const;
export type OfficeAuditAction = (typeof OFFICE_AUDIT_ACTIONS)[number];

/**
 * Where a change came from: the office itself (one of its keys or staff users, the actor), an operator (through
 * the archive's operations API or console, the actor too), or the service (a sign-in lock after too many failures).
 */
export const OFFICE_AUDIT_ORIGINS = ['office', 'operator', 'system'] as const;
export type OfficeAuditOrigin = (typeof OFFICE_AUDIT_ORIGINS)[number];

export const OFFICE_AUDIT_TARGETS = ['key', 'staff'] as const;
export type OfficeAuditTarget = (typeof OFFICE_AUDIT_TARGETS)[number];

/** One change in an office's audit trail. The table refuses UPDATE, DELETE and TRUNCATE (trigger): insert only. */
@Entity({ name: 'office_audit', schema: GATEWAY_SCHEMA })
export class OfficeAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  @Column({ type: 'varchar', length: 64 }) action!: OfficeAuditAction;
  @Column({ type: 'varchar', length: 16 }) origin!: OfficeAuditOrigin;
  @Column({ name: 'actor_type', type: 'varchar', length: 16, nullable: true })
  actorType!: AuditActorType | null;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ name: 'actor_label', type: 'text', nullable: true }) actorLabel!: string | null;
  @Column({ name: 'target_type', type: 'varchar', length: 16 }) targetType!: OfficeAuditTarget;
  @Column({ name: 'target_id', type: 'uuid' }) targetId!: string;
  /** The key's label (or its prefix when it has none), the staff user's login id: as they were then. */
  @Column({ name: 'target_label', type: 'text' }) targetLabel!: string;
  @Column({ type: 'jsonb', default: () => `'{}'` }) details!: Record<string, unknown>;
}
