import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OperatorEntity } from './operator.entity';

/** Operator accounts, found by their token's hash, their id or (console sign-in) their name. */
@Injectable()
export class OperatorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByTokenHash(tokenHash: string): Promise<OperatorEntity | null> {
    return this.dataSource.manager.findOne(OperatorEntity, { where: { tokenHash } });
  }

  findById(id: string, m: EntityManager = this.dataSource.manager): Promise<OperatorEntity | null> {
    return m.findOne(OperatorEntity, { where: { id } });
  }

  /**
   * The operator a console sign-in with this name is for: the one enrolled and not revoked (at most one, by
   * index), else the newest enrolled, else the newest at all (it fails, and is audited as that operator).
   */
  findForSignIn(name: string): Promise<OperatorEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(OperatorEntity, 'o')
      .where('o.name = :name', { name })
      .orderBy('o.password_hash IS NOT NULL', 'DESC')
      .addOrderBy('o.revoked_at IS NULL', 'DESC')
      .addOrderBy('o.created_at', 'DESC')
      .getOne();
  }

  listByCreation(): Promise<OperatorEntity[]> {
    return this.dataSource.manager.find(OperatorEntity, { order: { createdAt: 'ASC' } });
  }

  /** Locked until the caller's transaction ends, so two revocations do not both audit. */
  findForUpdate(m: EntityManager, id: string): Promise<OperatorEntity | null> {
    return m.findOne(OperatorEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(
    m: EntityManager,
    fields: Pick<OperatorEntity, 'id' | 'name' | 'role' | 'prefecture' | 'tokenHash'>,
  ) {
    return m.save(m.create(OperatorEntity, fields));
  }

  async save(m: EntityManager, row: OperatorEntity): Promise<void> {
    await m.save(row);
  }

  async markRevoked(m: EntityManager, row: OperatorEntity, at: Date): Promise<void> {
    row.revokedAt = at;
    await m.save(row);
  }

  /** The console credentials chosen with a set-up link; the enrolling code's step is used up. */
  async setCredentials(
    m: EntityManager,
    id: string,
    passwordHash: string,
    totpSecret: string,
    totpStep: number,
  ): Promise<void> {
    await m.update(OperatorEntity, { id }, { passwordHash, totpSecret, totpLastStep: String(totpStep) });
  }

  async clearCredentials(m: EntityManager, id: string): Promise<void> {
    await m.update(OperatorEntity, { id }, { passwordHash: null, totpSecret: null, totpLastStep: null });
  }

  /**
   * Uses up a TOTP step: true when it comes after the last one that signed in (atomic: of two sign-ins with one
   * code, one gets true).
   */
  async useTotpStep(m: EntityManager, id: string, step: number): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(OperatorEntity)
      .set({ totpLastStep: String(step) })
      .where('id = :id', { id })
      .andWhere('(totp_last_step IS NULL OR totp_last_step < :step)', { step })
      .execute();
    return result.affected === 1;
  }
}
