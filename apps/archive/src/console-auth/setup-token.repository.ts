import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, MoreThan } from 'typeorm';
import { SetupTokenEntity } from './setup-token.entity';

/** One-time set-up links, by the sha256 of their token. Each method runs in the manager it is given. */
@Injectable()
export class SetupTokenRepository {
  async insert(m: EntityManager, row: Omit<SetupTokenEntity, 'createdAt' | 'usedAt'>): Promise<void> {
    await m.insert(SetupTokenEntity, row);
  }

  /** A link not used and not expired; locked until the transaction ends when `lock`, so it is used once. */
  findLive(m: EntityManager, tokenHash: string, now: Date, lock = false): Promise<SetupTokenEntity | null> {
    return m.findOne(SetupTokenEntity, {
      where: { tokenHash, usedAt: IsNull(), expiresAt: MoreThan(now) },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async markUsed(m: EntityManager, tokenHash: string, now: Date): Promise<void> {
    await m.update(SetupTokenEntity, { tokenHash }, { usedAt: now });
  }

  /** A new link replaces the operator's others: only the latest one works. */
  async deleteFor(m: EntityManager, operatorId: string): Promise<void> {
    await m.delete(SetupTokenEntity, { operatorId });
  }
}
