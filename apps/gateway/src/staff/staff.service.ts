import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { advisoryLock } from '@careplan/persistence';
import { OfficeAuditChange, recordOfficeAudit } from '../audit/office-audit.repository';
import { Clock, TOKEN_CLOCK } from '../auth/access-tokens.service';
import { actorOf, type AuthenticatedOffice } from '../offices/offices.service';
import { CreateStaffBody, StaffUserDto, StaffUserListDto, UpdateStaffBody } from './dto/staff.dto';
import { hashPassword } from './passwords';
import { StaffUserEntity } from './staff-user.entity';
import { StaffErrors } from './staff.errors';
import { StaffUsersRepository } from './staff-users.repository';

const UNIQUE_VIOLATION = '23505';

/**
 * An office's staff users, managed by its admins (@RequireRole('admin')); another office's users answer 404, as
 * if they did not exist. Suspending, removing or giving a user a new password ends its sessions at once, and the
 * guard refuses its access tokens from the next request.
 */
@Injectable()
export class StaffService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staff: StaffUsersRepository,
    @Optional() @Inject(TOKEN_CLOCK) private readonly clock: Clock = () => new Date(),
  ) {}

  async list(office: AuthenticatedOffice): Promise<StaffUserListDto> {
    const now = this.clock();
    return {
      items: (await this.staff.listForOffice(office.officeNumber)).map((u) => toStaffUserDto(u, now)),
    };
  }

  async create(office: AuthenticatedOffice, body: CreateStaffBody): Promise<StaffUserDto> {
    const passwordHash = await hashPassword(body.password);
    const now = this.clock();
    try {
      const user = await this.dataSource.transaction(async (m) => {
        await advisoryLock(m, `staff:${office.officeNumber}`);
        if (await this.staff.loginIdTaken(m, office.officeNumber, body.loginId))
          throw StaffErrors.loginIdTaken(body.loginId);
        const row = m.create(StaffUserEntity, {
          id: randomUUID(),
          officeNumber: office.officeNumber,
          loginId: body.loginId,
          displayName: body.displayName.trim(),
          role: body.role,
          passwordHash,
          failedSignIns: 0,
          lockedUntil: null,
          lastSignInAt: null,
          suspendedAt: null,
          removedAt: null,
          createdAt: now,
          updatedAt: now,
        });
        await this.staff.insert(m, row);
        await recordOfficeAudit(m, change(office, 'staff.created', row, now, { role: row.role }));
        return row;
      });
      return toStaffUserDto(user, now);
    } catch (e) {
      // The index is the last word on uniqueness (case-insensitive), whatever passed the check.
      if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === UNIQUE_VIOLATION)
        throw StaffErrors.loginIdTaken(body.loginId);
      throw e;
    }
  }

  async update(office: AuthenticatedOffice, id: string, body: UpdateStaffBody): Promise<StaffUserDto> {
    const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
    const now = this.clock();
    const user = await this.dataSource.transaction(async (m) => {
      const current = await this.staff.find(m, office.officeNumber, id);
      if (!current) throw StaffErrors.notFound(id);
      const changes: Partial<StaffUserEntity> = { updatedAt: now };
      if (body.displayName !== undefined) changes.displayName = body.displayName.trim();
      if (body.role !== undefined) changes.role = body.role;
      if (body.suspended !== undefined)
        changes.suspendedAt = body.suspended ? (current.suspendedAt ?? now) : null;
      if (passwordHash) Object.assign(changes, { passwordHash, failedSignIns: 0, lockedUntil: null });
      await this.staff.update(m, id, changes);
      if (body.suspended || passwordHash) await this.staff.revokeSessionsOf(m, id, now);
      const updated = { ...current, ...changes };
      await recordOfficeAudit(m, ...changesOf(office, current, updated, passwordHash !== undefined, now));
      return updated;
    });
    return toStaffUserDto(user, now);
  }

  async remove(office: AuthenticatedOffice, id: string): Promise<void> {
    const now = this.clock();
    await this.dataSource.transaction(async (m) => {
      const current = await this.staff.find(m, office.officeNumber, id);
      if (!current) throw StaffErrors.notFound(id);
      await this.staff.update(m, id, { removedAt: now, updatedAt: now });
      await this.staff.revokeSessionsOf(m, id, now);
      await recordOfficeAudit(m, change(office, 'staff.removed', current, now));
    });
  }
}

/** A change of a staff user by the office (one of its admins): what the audit trail records. */
function change(
  office: AuthenticatedOffice,
  action: OfficeAuditChange['action'],
  user: StaffUserEntity,
  at: Date,
  details: Record<string, unknown> = {},
): OfficeAuditChange {
  return {
    officeNumber: office.officeNumber,
    action,
    origin: 'office',
    actor: actorOf(office),
    target: staffTarget(user),
    details,
    at,
  };
}

/** One audit entry per kind of change an update made; an update that changed nothing records none. */
function changesOf(
  office: AuthenticatedOffice,
  before: StaffUserEntity,
  after: StaffUserEntity,
  passwordSet: boolean,
  at: Date,
): OfficeAuditChange[] {
  const changes: OfficeAuditChange[] = [];
  if (after.displayName !== before.displayName)
    changes.push(
      change(office, 'staff.renamed', after, at, { from: before.displayName, to: after.displayName }),
    );
  if (after.role !== before.role)
    changes.push(change(office, 'staff.role_changed', after, at, { from: before.role, to: after.role }));
  if (!before.suspendedAt && after.suspendedAt) changes.push(change(office, 'staff.suspended', after, at));
  if (before.suspendedAt && !after.suspendedAt) changes.push(change(office, 'staff.resumed', after, at));
  if (passwordSet) changes.push(change(office, 'staff.password_reset', after, at));
  return changes;
}

/** A staff user as the audit trail names it: by its login id. */
export function staffTarget(u: Pick<StaffUserEntity, 'id' | 'loginId'>): {
  type: 'staff';
  id: string;
  label: string;
} {
  return { type: 'staff', id: u.id, label: u.loginId };
}

export function toStaffUserDto(u: StaffUserEntity, now: Date): StaffUserDto {
  const locked = u.lockedUntil && u.lockedUntil > now ? u.lockedUntil : null;
  return {
    id: u.id,
    loginId: u.loginId,
    displayName: u.displayName,
    role: u.role,
    status: u.suspendedAt ? 'suspended' : locked ? 'locked' : 'active',
    lockedUntil: locked?.toISOString() ?? null,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
