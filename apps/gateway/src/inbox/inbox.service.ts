import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  DeliveryAcknowledgedEvent,
  DeliveryDeliveredEvent,
  DeliveryDownloadedEvent,
  DeliveryReceiptEvent,
  EventClass,
  pageLimit,
  pairKey,
} from '@careplan/contracts';
import { inTransactionThenNudge, OutboxRelay, publishEvent } from '@careplan/messaging';
import type { ValidationReport } from '@careplan/spec';
import { BlobStore, sha256Hex } from '@careplan/persistence';
import { keysetPage, parseInstant } from '@careplan/platform';
import { GATEWAY_SCHEMA } from '../database/schema';
import { advanceStatus } from '../events/status-projection';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { SubmissionFileEntity } from '../submissions/submission-file.entity';
import { SubmissionEntity } from '../submissions/submission.entity';
import { toFileDto } from '../submissions/submission.mapper';
import type { Readable } from 'node:stream';
import {
  InboxEntryDto,
  InboxFilterQuery,
  InboxPageDto,
  InboxState,
  ValidationSummaryDto,
} from './dto/inbox.dto';
import { InboxEntryEntity } from './inbox-entry.entity';
import { bundleZip } from './inbox-export';
import { recordsJson } from './records.stream';
import { InboxErrors } from './inbox.errors';

export interface DownloadedFile {
  name: string;
  contentType: string;
  sha256: string;
  bytes: Buffer;
}

const STATE_CONDITION: Record<InboxState, string> = {
  new: 'e.downloadedAt IS NULL AND e.acknowledgedAt IS NULL',
  downloaded: 'e.downloadedAt IS NOT NULL AND e.acknowledgedAt IS NULL',
  acknowledged: 'e.acknowledgedAt IS NOT NULL',
};

/** The receiver's side: its deliveries, their files, and its receipts (downloaded, acknowledged). */
@Injectable()
export class InboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly blobs: BlobStore,
    private readonly relay: OutboxRelay,
  ) {}

  /** Projects a router delivery into the inbox; a repeated event adds nothing. */
  async addDelivery(m: EntityManager, e: DeliveryDeliveredEvent): Promise<void> {
    await m
      .createQueryBuilder()
      .insert()
      .into(InboxEntryEntity)
      .values({
        id: e.deliveryId,
        submissionId: e.submissionId,
        receiverOfficeNumber: e.receiverOfficeNumber,
        senderOfficeNumber: e.senderOfficeNumber,
        deliveredAt: new Date(e.occurredAt),
      })
      .orIgnore()
      .execute();
  }

  /** The receiver's deliveries, newest first; filters narrow, never widen, to this office. */
  list(office: AuthenticatedOffice, query: InboxFilterQuery): Promise<InboxPageDto> {
    const qb = this.dataSource.manager
      .createQueryBuilder(InboxEntryEntity, 'e')
      .where('e.receiverOfficeNumber = :office', { office: office.officeNumber });
    if (query.since) {
      const since = parseInstant(query.since);
      if (since) qb.andWhere('e.deliveredAt >= :since', { since: since.at });
    }
    if (query.from) qb.andWhere('e.senderOfficeNumber = :from', { from: query.from });
    if (query.status) qb.andWhere(STATE_CONDITION[query.status]);
    return keysetPage(qb, 'deliveredAt', query.cursor, pageLimit(query), (rows) => this.toDtos(rows));
  }

  async get(office: AuthenticatedOffice, id: string): Promise<InboxEntryDto> {
    const [dto] = await this.toDtos([await this.findOwn(office, id)]);
    return dto;
  }

  /** The exact bytes sent; the first download is a receipt for the sender. */
  async download(office: AuthenticatedOffice, id: string, fileId: string): Promise<DownloadedFile> {
    const entry = await this.findOwn(office, id);
    const file = await this.findFile(entry, fileId);
    const bytes = await this.blobs.getOrThrow(file.sha256);
    await this.markDownloaded(entry, fileId);
    return { name: file.name, contentType: file.contentType, sha256: file.sha256, bytes };
  }

  /** A standard CSV file's records as streamed JSON (FileRecordsDto); reading them is a download like any other. */
  async records(office: AuthenticatedOffice, id: string, fileId: string): Promise<Readable> {
    const entry = await this.findOwn(office, id);
    const file = await this.findFile(entry, fileId);
    const json = recordsJson({ ...file, bytes: await this.blobs.getOrThrow(file.sha256) });
    await this.markDownloaded(entry, fileId);
    return json;
  }

  /** Every file of the delivery in one ZIP, in bundle order. */
  async zip(office: AuthenticatedOffice, id: string): Promise<DownloadedFile> {
    const entry = await this.findOwn(office, id);
    const files = await this.dataSource.manager.find(SubmissionFileEntity, {
      where: { submissionId: entry.submissionId },
      order: { position: 'ASC' },
    });
    const withBytes = [];
    for (const f of files) withBytes.push({ ...f, bytes: await this.blobs.getOrThrow(f.sha256) });
    const bytes = bundleZip(withBytes, entry.deliveredAt);
    await this.markDownloaded(entry);
    return { name: `${entry.id}.zip`, contentType: 'application/zip', sha256: sha256Hex(bytes), bytes };
  }

  /** The receiver has imported the delivery. Acknowledging twice changes nothing. */
  async acknowledge(office: AuthenticatedOffice, id: string): Promise<InboxEntryDto> {
    const entry = await this.findOwn(office, id);
    if (!entry.acknowledgedAt) await this.receipt(entry, 'acknowledged', DeliveryAcknowledgedEvent);
    return this.get(office, id);
  }

  private async receipt(
    entry: InboxEntryEntity,
    step: 'downloaded' | 'acknowledged',
    eventClass: EventClass<DeliveryReceiptEvent>,
    fileId?: string,
  ): Promise<void> {
    const column = step === 'downloaded' ? 'downloaded_at' : 'acknowledged_at';
    const at = new Date();
    await inTransactionThenNudge(this.dataSource, this.relay, async (m) => {
      // Only the request that sets the timestamp emits the receipt, however many race.
      const updated = await m.query<[unknown[], number]>(
        `UPDATE "${GATEWAY_SCHEMA}"."inbox_entries" SET ${column} = $2 WHERE id = $1 AND ${column} IS NULL RETURNING id`,
        [entry.id, at],
      );
      if (updated[1] === 0) return;
      await advanceStatus(m, entry.submissionId, step, at);
      await publishEvent(
        m,
        GATEWAY_SCHEMA,
        eventClass,
        pairKey(entry.senderOfficeNumber, entry.receiverOfficeNumber),
        {
          deliveryId: entry.id,
          submissionId: entry.submissionId,
          senderOfficeNumber: entry.senderOfficeNumber,
          receiverOfficeNumber: entry.receiverOfficeNumber,
          ...(fileId ? { fileId } : {}),
        },
        { occurredAt: at },
      );
    });
  }

  private async markDownloaded(entry: InboxEntryEntity, fileId?: string): Promise<void> {
    if (!entry.downloadedAt) await this.receipt(entry, 'downloaded', DeliveryDownloadedEvent, fileId);
  }

  private async findFile(entry: InboxEntryEntity, fileId: string): Promise<SubmissionFileEntity> {
    const file = await this.dataSource.manager.findOne(SubmissionFileEntity, {
      where: { id: fileId, submissionId: entry.submissionId },
    });
    if (!file) throw InboxErrors.fileNotFound();
    return file;
  }

  /** Another office's delivery is reported exactly like a missing one. */
  private async findOwn(office: AuthenticatedOffice, id: string): Promise<InboxEntryEntity> {
    const entry = await this.dataSource.manager.findOne(InboxEntryEntity, {
      where: { id, receiverOfficeNumber: office.officeNumber },
    });
    if (!entry) throw InboxErrors.notFound();
    return entry;
  }

  private async toDtos(entries: InboxEntryEntity[]): Promise<InboxEntryDto[]> {
    if (entries.length === 0) return [];
    const ids = entries.map((e) => e.submissionId);
    const [submissions, files] = await Promise.all([
      this.dataSource.manager.find(SubmissionEntity, { where: { id: In(ids) } }),
      this.dataSource.manager.find(SubmissionFileEntity, {
        where: { submissionId: In(ids) },
        order: { position: 'ASC' },
      }),
    ]);
    const byId = new Map(submissions.map((s) => [s.id, s]));
    return entries.map((e) => ({
      id: e.id,
      submissionId: e.submissionId,
      from: e.senderOfficeNumber,
      sequence: byId.get(e.submissionId)?.pairSeq ?? 0,
      deliveredAt: e.deliveredAt.toISOString(),
      downloadedAt: e.downloadedAt?.toISOString() ?? null,
      acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
      files: files.filter((f) => f.submissionId === e.submissionId).map(toFileDto),
      validation: summarize(byId.get(e.submissionId)?.report ?? null),
    }));
  }
}

/** Counts of the verdict's report (checked when its event was consumed); none yet before the verdict. */
export function summarize(report: ValidationReport | null): ValidationSummaryDto {
  const files = report?.files ?? [];
  const sum = (k: 'errorCount' | 'warningCount') => files.reduce((n, f) => n + f[k], 0);
  return { ok: report?.ok === true, errorCount: sum('errorCount'), warningCount: sum('warningCount') };
}
