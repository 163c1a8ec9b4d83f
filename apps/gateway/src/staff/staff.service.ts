import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { advisoryLock } from '@careplan/persistence';
import { Clock, TOKEN_CLOCK } from '../auth/access-tokens.service';
import type { AuthenticatedOffice } from '../offices/offices.service';
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
      return { ...current, ...changes };
    });
    return toStaffUserDto(user, now);
  }

  async remove(office: AuthenticatedOffice, id: string): Promise<void> {
    const now = this.clock();
    await this.dataSource.transaction(async (m) => {
      if (!(await this.staff.find(m, office.officeNumber, id))) throw StaffErrors.notFound(id);
      await this.staff.update(m, id, { removedAt: now, updatedAt: now });
      await this.staff.revokeSessionsOf(m, id, now);
    });
  }
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
