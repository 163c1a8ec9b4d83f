import { EntityManager } from 'typeorm';
import type { ValidationReport } from '@careplan/spec';
import { SubmissionStatus } from '../submissions/submission.entity';
import { GATEWAY_SCHEMA } from '../database/schema';

// Events of different topics may be consumed in any order; the status only moves forward.
const RANK: Record<SubmissionStatus, number> = {
  accepted: 0,
  validated: 1,
  rejected: 1,
  delivered: 2,
  downloaded: 3,
  acknowledged: 4,
};

type TimestampColumn = 'validated_at' | 'rejected_at' | 'delivered_at' | 'downloaded_at' | 'acknowledged_at';

const COLUMN: Record<Exclude<SubmissionStatus, 'accepted'>, TimestampColumn> = {
  validated: 'validated_at',
  rejected: 'rejected_at',
  delivered: 'delivered_at',
  downloaded: 'downloaded_at',
  acknowledged: 'acknowledged_at',
};

/** Records that a submission reached `status` at `at`: the timestamp once, the status only if it advances. */
export async function advanceStatus(
  m: EntityManager,
  submissionId: string,
  status: Exclude<SubmissionStatus, 'accepted'>,
  at: Date,
  report?: ValidationReport,
): Promise<void> {
  const column = COLUMN[status];
  const ranksBelow = Object.entries(RANK)
    .filter(([, r]) => r < RANK[status])
    .map(([s]) => s);
  await m.query(
    `UPDATE "${GATEWAY_SCHEMA}"."submissions"
        SET ${column} = COALESCE(${column}, $2),
            status = CASE WHEN status = ANY($3::text[]) THEN $4 ELSE status END,
            report = COALESCE($5::jsonb, report)
      WHERE id = $1`,
    [submissionId, at, ranksBelow, status, report ? JSON.stringify(report) : null],
  );
}
