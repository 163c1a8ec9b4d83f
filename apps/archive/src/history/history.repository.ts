import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { keysetPage, Page } from '@careplan/platform';
import { ARCHIVE_SCHEMA } from '../database/schema';
import { HistoryRecordEntity } from './history-record.entity';
import { applyHistoryFilter, HistoryFilter } from './history.filter';
import type { HistoryRow } from './history.mapping';

/**
 * Each field of a row, its column and SQL type (jsonb_to_recordset reads the rows by these names). Typed over
 * every field of HistoryRow, so a column added to the entity cannot be left out of the insert.
 */
const COLUMN_OF: Record<keyof HistoryRow, readonly [string, string]> = {
  officeNumber: ['office_number', 'varchar'],
  event: ['event', 'varchar'],
  role: ['role', 'varchar'],
  counterpartOfficeNumber: ['counterpart_office_number', 'varchar'],
  submissionId: ['submission_id', 'uuid'],
  deliveryId: ['delivery_id', 'uuid'],
  fileId: ['file_id', 'uuid'],
  files: ['files', 'jsonb'],
  details: ['details', 'jsonb'],
  fileTypes: ['file_types', 'text[]'],
  insuredNumbers: ['insured_numbers', 'text[]'],
  actor: ['actor', 'jsonb'],
  occurredAt: ['occurred_at', 'timestamptz'],
  eventId: ['event_id', 'uuid'],
};
const FIELDS = Object.keys(COLUMN_OF) as (keyof HistoryRow)[];
const INSERTED = FIELDS.map((f) => COLUMN_OF[f]);

/** A row as jsonb_to_recordset reads it: by column name, times as ISO text. */
function toColumns(r: HistoryRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const v = r[f];
    out[COLUMN_OF[f][0]] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/** Search columns a row recorded without them takes from another row of its submission. */
const SHARED_COLUMNS = ['file_types', 'insured_numbers'] as const;

/** Each office's exchange history: rows appended by the consumer, read by the gateway and the receipts. */
@Injectable()
export class HistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A replayed event adds nothing: the unique event id per office ignores its rows. */
  async insertIgnoringReplays(m: EntityManager, rows: HistoryRow[]): Promise<void> {
    // Fixed SQL, the rows as one JSON parameter: no query building per batch, whatever its size.
    await m.query(
      `INSERT INTO "${ARCHIVE_SCHEMA}"."history" (${INSERTED.map(([c]) => `"${c}"`).join(', ')})
       SELECT ${INSERTED.map(([c]) => `r."${c}"`).join(', ')}
         FROM jsonb_to_recordset($1::jsonb) AS r(${INSERTED.map(([c, t]) => `"${c}" ${t}`).join(', ')})
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows.map(toColumns))],
    );
  }

  /**
   * Every row of a submission is about the same files: rows recorded without file types (downloads) or
   * 被保険者番号 (all but the verdict's) take them from a row that has them, whichever event came first.
   */
  async shareSearchColumns(m: EntityManager, submissionIds: string[]): Promise<void> {
    // Both columns of every submission in one statement: each empty one takes the first non-empty value.
    const shared = SHARED_COLUMNS.map(
      (c) => `(SELECT "${c}" FROM "${ARCHIVE_SCHEMA}"."history"
                WHERE "submission_id" = ids.id AND "${c}" <> '{}' LIMIT 1) AS "${c}"`,
    );
    const sets = SHARED_COLUMNS.map(
      (c) => `"${c}" = CASE WHEN h."${c}" = '{}' THEN COALESCE(s."${c}", h."${c}") ELSE h."${c}" END`,
    );
    const wanted = SHARED_COLUMNS.map((c) => `(h."${c}" = '{}' AND s."${c}" IS NOT NULL)`);
    await m.query(
      `UPDATE "${ARCHIVE_SCHEMA}"."history" h SET ${sets.join(', ')}
         FROM (SELECT ids.id, ${shared.join(', ')} FROM unnest($1::uuid[]) AS ids(id)) s
        WHERE h."submission_id" = s.id AND (${wanted.join(' OR ')})`,
      [submissionIds],
    );
  }

  /** The office's rows matching the filter, newest first. */
  pageForOffice(
    officeNumber: string,
    filter: HistoryFilter,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<HistoryRecordEntity>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(HistoryRecordEntity, 'h')
      .where('h.officeNumber = :officeNumber', { officeNumber });
    applyHistoryFilter(qb, filter);
    return keysetPage(qb, 'occurredAt', cursor, limit, (rows) => rows);
  }

  /** Every office's rows of one submission (sender's and receivers'). */
  forSubmission(submissionId: string): Promise<HistoryRecordEntity[]> {
    return this.dataSource.manager.find(HistoryRecordEntity, { where: { submissionId } });
  }
}
