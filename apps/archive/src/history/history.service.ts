import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import {
  BaseEvent,
  ExportHistoryQuery,
  FileRef,
  HistoryItemDto,
  HistoryPageDto,
  ListHistoryQuery,
  pageLimit,
  Problems,
  SubmissionRejectedEvent,
  SubmissionValidatedEvent,
} from '@careplan/contracts';
import { advisoryLocks, BlobStore } from '@careplan/persistence';
import { Page, problem } from '@careplan/platform';
import { insuredNumbersIn, storableText, type BundleFile } from '@careplan/spec';
import { HistoryRecordEntity } from './history-record.entity';
import { CSV_ENCODINGS, CsvEncoding, encodeHistoryCsv, jstTimestamp } from './history.csv';
import { HistoryFilter, parseHistoryFilter } from './history.filter';
import { HistoryRow, historyRowsFor } from './history.mapping';
import { HistoryRepository } from './history.repository';

const EXPORT_PAGE = 1000;
/** Beyond this an export must be narrowed (by period): one response stays a sensible size. */
export const EXPORT_MAX_ROWS = 100_000;

export interface HistoryExport {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

@Injectable()
export class HistoryService {
  private readonly logger = new Logger(HistoryService.name);

  constructor(
    private readonly history: HistoryRepository,
    private readonly blobs: BlobStore,
  ) {}

  /** Appends the event's rows; a replayed event adds nothing (unique event id per office). */
  record(e: BaseEvent, m: EntityManager): Promise<void> {
    return this.recordAll([e], m);
  }

  /** Appends a batch's rows in three statements, whatever its size: locks, rows, shared search columns. */
  async recordAll(events: BaseEvent[], m: EntityManager): Promise<void> {
    const rows: HistoryRow[] = [];
    for (const e of events) rows.push(...(await this.rowsOf(e)));
    if (rows.length === 0) return;
    const submissionIds = [...new Set(rows.map((r) => r.submissionId))];
    // One submission's events at a time: each then sees the search columns the others recorded.
    await advisoryLocks(
      m,
      submissionIds.map((id) => `history:${id}`),
    );
    await this.history.insertIgnoringReplays(m, rows);
    await this.history.shareSearchColumns(m, submissionIds);
  }

  private async rowsOf(e: BaseEvent): Promise<HistoryRow[]> {
    const rows = historyRowsFor(e);
    if (e instanceof SubmissionValidatedEvent || e instanceof SubmissionRejectedEvent) {
      const numbers = e.historyKeys?.insuredNumbers ?? (await this.insuredNumbersOf(e.files));
      for (const r of rows) r.insuredNumbers = numbers.map(storableText);
    }
    return rows;
  }

  list(officeNumber: string, query: ListHistoryQuery): Promise<HistoryPageDto> {
    const filter = parseHistoryFilter(query);
    return this.page(officeNumber, filter, query.cursor, pageLimit(query));
  }

  /** Every row matching the filters, newest first, as CSV in the asked encoding. */
  async export(officeNumber: string, query: ExportHistoryQuery): Promise<HistoryExport> {
    const encoding = parseEncoding(query.encoding);
    const filter = parseHistoryFilter(query);
    const items: HistoryItemDto[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.page(officeNumber, filter, cursor, EXPORT_PAGE);
      items.push(...page.items);
      if (items.length > EXPORT_MAX_ROWS) throw exportTooLarge();
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const stamp = jstTimestamp(new Date().toISOString()).replace(/\D/g, '');
    return {
      filename: `history_${officeNumber}_${stamp}.csv`,
      contentType: encoding === 'utf-8' ? 'text/csv; charset=utf-8' : 'text/csv; charset=Windows-31J',
      bytes: encodeHistoryCsv(items, encoding),
    };
  }

  private async page(
    officeNumber: string,
    filter: HistoryFilter,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<HistoryItemDto>> {
    const page = await this.history.pageForOffice(officeNumber, filter, cursor, limit);
    return { ...page, items: page.items.map(historyItemDto) };
  }

  /**
   * 被保険者番号 of a verdict that does not carry them (older validator, give-up): read from the blob store
   * within bounds (a 10 MB file of 5 million records must not take the archive down).
   */
  private async insuredNumbersOf(files: FileRef[]): Promise<string[]> {
    const bundle: BundleFile[] = [];
    for (const f of files.filter((file) => file.kind === 'csv')) {
      const bytes = await this.blobs.get(f.sha256);
      if (bytes) bundle.push({ name: f.name, bytes });
      else this.logger.warn(`blob ${f.sha256} of ${f.name} is missing: its 被保険者番号 are not searchable`);
    }
    return insuredNumbersIn(bundle).insuredNumbers;
  }
}

function parseEncoding(raw: string | undefined): CsvEncoding {
  const encoding = (raw ?? 'utf-8').toLowerCase();
  if ((CSV_ENCODINGS as readonly string[]).includes(encoding)) return encoding as CsvEncoding;
  throw problem(Problems.HISTORY_EXPORT_ENCODING_INVALID, { value: raw ?? '' }, { value: raw });
}

const exportTooLarge = () =>
  problem(Problems.HISTORY_EXPORT_TOO_LARGE, { maxRows: EXPORT_MAX_ROWS }, { maxRows: EXPORT_MAX_ROWS });

/** A history row as the wire shows it (the gateway's history, the console's office activity). */
export function historyItemDto(h: HistoryRecordEntity): HistoryItemDto {
  return {
    id: h.id,
    event: h.event,
    role: h.role,
    officeNumber: h.officeNumber,
    counterpartOfficeNumber: h.counterpartOfficeNumber,
    submissionId: h.submissionId,
    deliveryId: h.deliveryId,
    files: h.files,
    fileTypes: h.fileTypes,
    insuredNumbers: h.insuredNumbers,
    actor: h.actor,
    fileId: h.fileId,
    occurredAt: h.occurredAt.toISOString(),
  };
}
