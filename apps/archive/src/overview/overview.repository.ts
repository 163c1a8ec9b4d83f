import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';
import { OVERVIEW_STATUSES, type OverviewStatus, type ValidationFailureDto } from './dto/overview.dto';

const H = `"${ARCHIVE_SCHEMA}"."history"`;

// Every query reads the sender's rows of a recent window: ix_history_sender_time (occurred_at, covering the
// columns read) serves them whatever the prefecture, which is the office number's first two digits.
const SCOPE = `($2::text IS NULL OR left(office_number, 2) = $2)`;

// The step a submission has reached: the furthest of its sender-side events (validated and rejected exclude
// each other). Every event of a submission sent since $1 happened since $1, so the window holds them all.
const STEPS: [string, OverviewStatus][] = [
  ['sent', 'accepted'],
  ['validated', 'validated'],
  ['rejected', 'rejected'],
  ['delivered', 'delivered'],
  ['downloaded', 'downloaded'],
  ['acknowledged', 'acknowledged'],
];
const RANK = `CASE event ${STEPS.map(([e], i) => `WHEN '${e}' THEN ${i + 1}`).join(' ')} END`;

const STATUS_SQL = `
  SELECT rank, count(*)::int AS n FROM (
    SELECT max(${RANK}) AS rank FROM ${H}
     WHERE role = 'sender' AND occurred_at >= $1 AND ${SCOPE}
     GROUP BY submission_id
    HAVING bool_or(event = 'sent')
  ) s GROUP BY rank`;

const HOURS_SQL = `
  SELECT date_bin('1 hour', occurred_at, $1) AS hour,
         count(*) FILTER (WHERE event = 'sent')::int AS submitted,
         count(*) FILTER (WHERE event = 'delivered')::int AS delivered,
         count(*) FILTER (WHERE event = 'rejected')::int AS failed
    FROM ${H}
   WHERE role = 'sender' AND event IN ('sent', 'delivered', 'rejected') AND occurred_at >= $1 AND ${SCOPE}
   GROUP BY 1`;

// Rejections are few, with an index of their own (ix_history_rejected_time): only their rows are read.
const FAILURES_SQL = `
  SELECT i->>'code' AS code, count(DISTINCT h.submission_id)::int AS submissions, count(*)::int AS issues
    FROM ${H} h
   CROSS JOIN LATERAL jsonb_array_elements(COALESCE(h.details->'report'->'files', '[]')) f
   CROSS JOIN LATERAL jsonb_array_elements(COALESCE(f->'issues', '[]')) i
   WHERE h.role = 'sender' AND h.event = 'rejected' AND h.occurred_at >= $1 AND ${SCOPE.replace('office_number', 'h.office_number')}
     AND i->>'severity' = 'error'
   GROUP BY 1
   ORDER BY submissions DESC, issues DESC, code
   LIMIT $3`;

export interface HourRow {
  hour: Date;
  submitted: number;
  delivered: number;
  failed: number;
}

/** The overview's figures from the history, for one prefecture's offices (as senders) or all. */
@Injectable()
export class OverviewRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Submissions sent since `since`, by the step each has reached. */
  async statusesSince(since: Date, prefecture: string | null): Promise<Record<OverviewStatus, number>> {
    const rows = await this.dataSource.query<{ rank: number; n: number }[]>(STATUS_SQL, [since, prefecture]);
    const counts = Object.fromEntries(OVERVIEW_STATUSES.map((s) => [s, 0])) as Record<OverviewStatus, number>;
    for (const r of rows) counts[STEPS[r.rank - 1][1]] += r.n;
    return counts;
  }

  /** Hours from `firstHour` (an hour's start) that had any submission sent, delivered or rejected. */
  hoursSince(firstHour: Date, prefecture: string | null): Promise<HourRow[]> {
    return this.dataSource.query<HourRow[]>(HOURS_SQL, [firstHour, prefecture]);
  }

  /** Error codes of the reports of submissions rejected since `since`, the most frequent first. */
  failuresSince(since: Date, prefecture: string | null, limit: number): Promise<ValidationFailureDto[]> {
    return this.dataSource.query<ValidationFailureDto[]>(FAILURES_SQL, [since, prefecture, limit]);
  }
}
