import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { keysetPage, Page } from '@careplan/platform';
import { ARCHIVE_SCHEMA } from '../database/schema';
import { HistoryRecordEntity } from './history-record.entity';
import { applyHistoryFilter, HistoryFilter } from './history.filter';

/** Search columns a row recorded without them takes from another row of its submission. */
const SHARED_COLUMNS = ['file_types', 'insured_numbers'] as const;

/** Each office's exchange history: rows appended by the consumer, read by the gateway and the receipts. */
@Injectable()
export class HistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A replayed event adds nothing: the unique event id per office ignores its rows. */
  async insertIgnoringReplays(m: EntityManager, rows: Partial<HistoryRecordEntity>[]): Promise<void> {
    await m.createQueryBuilder().insert().into(HistoryRecordEntity).values(rows).orIgnore().execute();
  }

  /**
   * Every row of a submission is about the same files: rows recorded without file types (downloads) or
   * 被保険者番号 (all but the verdict's) take them from a row that has them, whichever event came first.
   */
  async shareSearchColumns(m: EntityManager, submissionId: string): Promise<void> {
    // Both columns in one statement: each empty one takes the first non-empty value of its submission.
    const shared = SHARED_COLUMNS.map(
      (c) => `(SELECT "${c}" FROM "${ARCHIVE_SCHEMA}"."history"
                WHERE "submission_id" = $1 AND "${c}" <> '{}' LIMIT 1) AS "${c}"`,
    );
    const sets = SHARED_COLUMNS.map(
      (c) => `"${c}" = CASE WHEN h."${c}" = '{}' THEN COALESCE(s."${c}", h."${c}") ELSE h."${c}" END`,
    );
    const wanted = SHARED_COLUMNS.map((c) => `(h."${c}" = '{}' AND s."${c}" IS NOT NULL)`);
    await m.query(
      `UPDATE "${ARCHIVE_SCHEMA}"."history" h SET ${sets.join(', ')}
         FROM (SELECT ${shared.join(', ')}) s
        WHERE h."submission_id" = $1 AND (${wanted.join(' OR ')})`,
      [submissionId],
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
