import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { InsertStatement } from '@careplan/messaging';
import { VALIDATOR_SCHEMA } from '../database/schema';
import { ValidationEntity } from './validation.entity';

const VALIDATIONS = `"${VALIDATOR_SCHEMA}"."validations"`;
const COLUMNS = [
  'submission_id',
  'ok',
  'error_count',
  'warning_count',
  'report',
  'duration_ms',
  'verdict_event_id',
  'history_keys',
  'created_at',
] as const;
interface ValidationRow {
  submission_id: string;
  ok: boolean;
  error_count: number;
  warning_count: number;
  report: object;
  duration_ms: number;
  verdict_event_id: string | null;
  history_keys: ValidationEntity['historyKeys'];
  created_at: Date;
}

function toEntity(r: ValidationRow): ValidationEntity {
  return {
    submissionId: r.submission_id,
    ok: r.ok,
    errorCount: r.error_count,
    warningCount: r.warning_count,
    report: r.report,
    durationMs: r.duration_ms,
    verdictEventId: r.verdict_event_id,
    historyKeys: r.history_keys,
    createdAt: r.created_at,
  };
}

/** The verdicts table: every statement on it, each run in the caller's transaction. */
@Injectable()
export class ValidationRepository {
  async findBySubmissionId(m: EntityManager, submissionId: string): Promise<ValidationEntity | null> {
    // Fixed SQL text on the hot path (asked of every received event): no query building.
    const [row] = await m.query<ValidationRow[]>(
      `SELECT ${COLUMNS.join(', ')} FROM ${VALIDATIONS} WHERE submission_id = $1`,
      [submissionId],
    );
    return row ? toEntity(row) : null;
  }

  /** Inserts the verdict unless the submission has one already (then it returns no row). */
  insertIfAbsent(v: ValidationEntity): InsertStatement {
    return {
      text: `INSERT INTO ${VALIDATIONS} (${COLUMNS.join(', ')})
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING submission_id`,
      values: [
        v.submissionId,
        v.ok,
        v.errorCount,
        v.warningCount,
        JSON.stringify(v.report),
        v.durationMs,
        v.verdictEventId,
        v.historyKeys === null ? null : JSON.stringify(v.historyKeys),
        v.createdAt,
      ],
    };
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
