import { SubmissionStatus } from './submission.entity';

/** A status a submission reaches after acceptance, each recorded with its timestamp. */
export type LaterStatus = Exclude<SubmissionStatus, 'accepted'>;

// Events of different topics may be consumed in any order; the status only moves forward.
const RANK: Record<SubmissionStatus, number> = {
  accepted: 0,
  validated: 1,
  rejected: 1,
  delivered: 2,
  downloaded: 3,
  acknowledged: 4,
};

export type TimestampColumn =
  'validated_at' | 'rejected_at' | 'delivered_at' | 'downloaded_at' | 'acknowledged_at';

const COLUMN: Record<LaterStatus, TimestampColumn> = {
  validated: 'validated_at',
  rejected: 'rejected_at',
  delivered: 'delivered_at',
  downloaded: 'downloaded_at',
  acknowledged: 'acknowledged_at',
};

/** The column that records when a submission reached `status`. */
export function timestampColumn(status: LaterStatus): TimestampColumn {
  return COLUMN[status];
}

/** The statuses that `status` advances from: any other stays as it is. */
export function statusesBelow(status: LaterStatus): SubmissionStatus[] {
  return (Object.entries(RANK) as [SubmissionStatus, number][])
    .filter(([, r]) => r < RANK[status])
    .map(([s]) => s);
}
