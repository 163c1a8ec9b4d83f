import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { RefreshTokenEntity, StaffUserEntity } from './staff-user.entity';

/** Staff users and their refresh tokens (SQL of both here: a session's rotation touches both). */
@Injectable()
export class StaffUsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** A user not removed, by id; one office's user is never another's. */
  find(m: EntityManager, officeNumber: string, id: string): Promise<StaffUserEntity | null> {
    return m.findOne(StaffUserEntity, { where: { id, officeNumber, removedAt: IsNull() } });
  }

  findById(id: string): Promise<StaffUserEntity | null> {
    return this.manager.findOne(StaffUserEntity, { where: { id } });
  }

  /** The user signing in, row-locked so failed attempts are counted one by one. */
  async findForSignIn(
    m: EntityManager,
    officeNumber: string,
    loginId: string,
  ): Promise<StaffUserEntity | null> {
    const rows = await m
      .createQueryBuilder(StaffUserEntity, 'u')
      .setLock('pessimistic_write')
      .where(
        'u.office_number = :officeNumber AND lower(u.login_id) = lower(:loginId) AND u.removed_at IS NULL',
        {
          officeNumber,
          loginId,
        },
      )
      .getMany();
    return rows[0] ?? null;
  }

  listForOffice(officeNumber: string): Promise<StaffUserEntity[]> {
    return this.manager.find(StaffUserEntity, {
      where: { officeNumber, removedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async loginIdTaken(m: EntityManager, officeNumber: string, loginId: string): Promise<boolean> {
    const n = await m
      .createQueryBuilder(StaffUserEntity, 'u')
      .where(
        'u.office_number = :officeNumber AND lower(u.login_id) = lower(:loginId) AND u.removed_at IS NULL',
        {
          officeNumber,
          loginId,
        },
      )
      .getCount();
    return n > 0;
  }

  async insert(m: EntityManager, user: StaffUserEntity): Promise<void> {
    await m.insert(StaffUserEntity, user);
  }

  async update(m: EntityManager, id: string, changes: Partial<StaffUserEntity>): Promise<void> {
    await m.update(StaffUserEntity, { id }, changes);
  }

  async insertRefreshToken(m: EntityManager, token: RefreshTokenEntity): Promise<void> {
    await m.insert(RefreshTokenEntity, token);
  }

  /** The refresh token with this hash, row-locked: two uses of one token cannot both rotate it. */
  findRefreshToken(m: EntityManager, tokenHash: string): Promise<RefreshTokenEntity | null> {
    return m.findOne(RefreshTokenEntity, { where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async markUsed(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.update(RefreshTokenEntity, { id }, { usedAt: at });
  }

  async revokeChain(m: EntityManager, chainId: string, at: Date): Promise<void> {
    await m.update(RefreshTokenEntity, { chainId, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Every session of the user ends: its refresh tokens stop at once. */
  async revokeSessionsOf(m: EntityManager, staffUserId: string, at: Date): Promise<void> {
    await m.update(RefreshTokenEntity, { staffUserId, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Whether the session an access token names is still on (not signed out, not ended by a reuse). */
  async sessionActive(chainId: string): Promise<boolean> {
    const n = await this.manager.count(RefreshTokenEntity, { where: { chainId, revokedAt: IsNull() } });
    return n > 0;
  }
}
