import { Injectable } from '@nestjs/common';
import { EntityManager, LessThanOrEqual, MoreThan } from 'typeorm';
import type { ConsoleSessionData } from './console-session';
import { ConsoleSessionEntity } from './console-session.entity';

/** The console's sessions, by the sha256 of their id. Each method runs in the manager it is given. */
@Injectable()
export class ConsoleSessionRepository {
  /** The session, unless it expired (an expired row is as good as none until it is swept). */
  async find(m: EntityManager, id: string, now: Date): Promise<ConsoleSessionData | null> {
    const row = await m.findOne(ConsoleSessionEntity, { where: { id, expiresAt: MoreThan(now) } });
    return row?.data ?? null;
  }

  async insert(m: EntityManager, id: string, data: ConsoleSessionData, expiresAt: Date): Promise<void> {
    await m.insert(ConsoleSessionEntity, { id, operatorId: data.operatorId, data, expiresAt });
  }

  /** Only an existing row: a request that raced the session's end (sign-out, revocation) cannot revive it. */
  async update(m: EntityManager, id: string, data: ConsoleSessionData, expiresAt: Date): Promise<void> {
    await m.update(ConsoleSessionEntity, { id }, { data, expiresAt });
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.delete(ConsoleSessionEntity, { id });
  }

  /** Ends every session of the operator (revoked, second factor reset). */
  async deleteForOperator(m: EntityManager, operatorId: string): Promise<void> {
    await m.delete(ConsoleSessionEntity, { operatorId });
  }

  async sweep(m: EntityManager, now: Date): Promise<void> {
    await m.delete(ConsoleSessionEntity, { expiresAt: LessThanOrEqual(now) });
  }
}
