import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FAILURE_MEMORY_MS, FailureState, NO_FAILURES } from './sign-in-rules';
import { SignInFailureEntity } from './sign-in-failure.entity';

/** Failed sign-ins in a row, per name. Each method runs in the manager it is given. */
@Injectable()
export class SignInFailureRepository {
  async find(m: EntityManager, name: string): Promise<FailureState> {
    return toState(await m.findOne(SignInFailureEntity, { where: { name } }));
  }

  /**
   * The name's state, its row locked until the transaction ends: concurrent failures count one by one. A new
   * row's failure at the epoch is long forgotten (sign-in-rules), so it counts as none.
   */
  async findForUpdate(m: EntityManager, name: string): Promise<FailureState> {
    await m.query(
      `INSERT INTO "archive"."console_sign_in_failures" ("name", "failures", "last_failure_at")
       VALUES ($1, 0, to_timestamp(0)) ON CONFLICT ("name") DO NOTHING`,
      [name],
    );
    const row = await m.findOne(SignInFailureEntity, {
      where: { name },
      lock: { mode: 'pessimistic_write' },
    });
    return toState(row);
  }

  async save(m: EntityManager, name: string, s: FailureState): Promise<void> {
    await m.update(
      SignInFailureEntity,
      { name },
      { failures: s.failures, lastFailureAt: s.lastFailureAt ?? new Date(0), lockedUntil: s.lockedUntil },
    );
  }

  /** A sign-in succeeded: the run of failures is over. */
  async clear(m: EntityManager, name: string): Promise<void> {
    await m.delete(SignInFailureEntity, { name });
  }

  /** Rows that no longer lock nor count (names tried once and never again). */
  async sweep(m: EntityManager, now: Date): Promise<void> {
    await m.query(
      `DELETE FROM "archive"."console_sign_in_failures"
       WHERE "last_failure_at" < $1 AND ("locked_until" IS NULL OR "locked_until" <= $2)`,
      [new Date(now.getTime() - FAILURE_MEMORY_MS), now],
    );
  }
}

function toState(row: SignInFailureEntity | null): FailureState {
  return row
    ? { failures: row.failures, lastFailureAt: row.lastFailureAt, lockedUntil: row.lockedUntil }
    : NO_FAILURES;
}
