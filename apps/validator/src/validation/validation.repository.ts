import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { VALIDATOR_SCHEMA } from '../database/schema';
import { ValidationEntity } from './validation.entity';

/** The verdicts table: every statement on it, each run in the caller's transaction. */
@Injectable()
export class ValidationRepository {
  findBySubmissionId(m: EntityManager, submissionId: string): Promise<ValidationEntity | null> {
    return m.findOneBy(ValidationEntity, { submissionId });
  }

  /** Inserts the verdict unless the submission has one already; false when it had. */
  async insertIfAbsent(m: EntityManager, v: ValidationEntity): Promise<boolean> {
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(ValidationEntity)
      .values(v)
      .orIgnore()
      .returning(['submission_id'])
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  /** Sets the verdict's event id if it has none (a row from before ids were kept); returns the one kept. */
  async keepVerdictEventId(m: EntityManager, submissionId: string, candidate: string): Promise<string> {
    const [[row]] = await m.query<[{ verdict_event_id: string }[], number]>(
      `UPDATE "${VALIDATOR_SCHEMA}"."validations" SET verdict_event_id = COALESCE(verdict_event_id, $2)
        WHERE submission_id = $1 RETURNING verdict_event_id`,
      [submissionId, candidate],
    );
    return row.verdict_event_id;
  }
}
