import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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
import { parseInstant } from '@careplan/platform';
import { GATEWAY_SCHEMA } from '../database/schema';
import { actorOf, type AuthenticatedOffice } from '../offices/offices.service';
import { SubmissionFileEntity } from '../submissions/submission-file.entity';
import { toFileDto } from '../submissions/submission.mapper';
import { SubmissionsRepository } from '../submissions/submissions.repository';
import type { Readable } from 'node:stream';
import { InboxEntryDto, InboxFilterQuery, InboxPageDto, ValidationSummaryDto } from './dto/inbox.dto';
import { InboxEntryEntity } from './inbox-entry.entity';
import { bundleZip } from './inbox-export';
import { InboxStep, InboxRepository } from './inbox.repository';
import { recordsJson } from './records.stream';
import { InboxErrors } from './inbox.errors';

/** A receipt event to publish: its class, and the fields of its own beyond the delivery's and the actor. */
interface ReceiptToPublish {
  eventClass: EventClass<DeliveryReceiptEvent>;
  fields: Partial<Pick<DeliveryDownloadedEvent, 'fileId' | 'first'>>;
}

export interface DownloadedFile {
  name: string;
  contentType: string;
  sha256: string;
  bytes: Buffer;
}

/** The receiver's side: its deliveries, their files, and its receipts (downloaded, acknowledged). */
@Injectable()
export class InboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly blobs: BlobStore,
    private readonly relay: OutboxRelay,
    private readonly entries: InboxRepository,
    private readonly submissions: SubmissionsRepository,
  ) {}

  /** Projects a router delivery into the inbox and the sender's status; a repeated event adds nothing. */
  addDeliveries(m: EntityManager, events: DeliveryDeliveredEvent[]): Promise<void> {
    return this.entries.addDeliveries(
      m,
      events.map((e) => ({
        id: e.deliveryId,
        submissionId: e.submissionId,
        receiverOfficeNumber: e.receiverOfficeNumber,
        senderOfficeNumber: e.senderOfficeNumber,
        deliveredAt: new Date(e.occurredAt),
      })),
    );
  }

  /** The receiver's deliveries, newest first; filters narrow, never widen, to this office. */
  list(office: AuthenticatedOffice, query: InboxFilterQuery): Promise<InboxPageDto> {
    const filter = {
      receiver: office.officeNumber,
      since: query.since ? parseInstant(query.since)?.at : undefined,
      from: query.from,
      state: query.status,
    };
    return this.entries.pageForReceiver(filter, query.cursor, pageLimit(query), (rows) => this.toDtos(rows));
  }

  async get(office: AuthenticatedOffice, id: string): Promise<InboxEntryDto> {
    const [dto] = await this.toDtos([await this.findOwn(office, id)]);
    return dto;
  }

  /** The exact bytes sent; each download is recorded, the first is a receipt for the sender. */
  async download(office: AuthenticatedOffice, id: string, fileId: string): Promise<DownloadedFile> {
    const entry = await this.findOwn(office, id);
    const file = await this.findFile(entry, fileId);
    const bytes = await this.blobs.getOrThrow(file.sha256);
    await this.markDownloaded(office, entry, fileId);
    return { name: file.name, contentType: file.contentType, sha256: file.sha256, bytes };
  }

  /** A standard CSV file's records as streamed JSON (FileRecordsDto); reading them is a download like any other. */
  async records(office: AuthenticatedOffice, id: string, fileId: string): Promise<Readable> {
    const entry = await this.findOwn(office, id);
    const file = await this.findFile(entry, fileId);
    const json = recordsJson({ ...file, bytes: await this.blobs.getOrThrow(file.sha256) });
    await this.markDownloaded(office, entry, fileId);
    return json;
  }

  /** Every file of the delivery in one ZIP, in bundle order. */
  async zip(office: AuthenticatedOffice, id: string): Promise<DownloadedFile> {
    const entry = await this.findOwn(office, id);
    const files = await this.submissions.findFilesInOrder([entry.submissionId]);
    const withBytes = [];
    for (const f of files) withBytes.push({ ...f, bytes: await this.blobs.getOrThrow(f.sha256) });
    const bytes = bundleZip(withBytes, entry.deliveredAt);
    await this.markDownloaded(office, entry);
    return { name: `${entry.id}.zip`, contentType: 'application/zip', sha256: sha256Hex(bytes), bytes };
  }

  /** The receiver has imported the delivery. Acknowledging twice changes nothing. */
  async acknowledge(office: AuthenticatedOffice, id: string): Promise<InboxEntryDto> {
    const entry = await this.findOwn(office, id);
    if (!entry.acknowledgedAt) {
      await this.receipt(office, entry, async (m, at) => {
        // Only the request that sets the timestamp emits the receipt, however many race.
        if (!(await this.markStep(m, entry, 'acknowledged', at))) return null;
        return { eventClass: DeliveryAcknowledgedEvent, fields: {} };
      });
    }
    return this.get(office, id);
  }

  /**
   * Every download is recorded with who did it (the receiver's history); only the one that sets the timestamp is
   * the first (the sender's receipt, its webhook), however many race.
   */
  private markDownloaded(
    office: AuthenticatedOffice,
    entry: InboxEntryEntity,
    fileId?: string,
  ): Promise<void> {
    return this.receipt(office, entry, async (m, at) => {
      const first = !entry.downloadedAt && (await this.markStep(m, entry, 'downloaded', at));
      return { eventClass: DeliveryDownloadedEvent, fields: { ...(fileId ? { fileId } : {}), first } };
    });
  }

  /** Sets the step's timestamp on the entry and its submission; false when it was set already. */
  private async markStep(
    m: EntityManager,
    entry: InboxEntryEntity,
    step: InboxStep,
    at: Date,
  ): Promise<boolean> {
    if (!(await this.entries.markStepOnce(m, entry.id, step, at))) return false;
    await this.submissions.advanceStatus(m, entry.submissionId, step, at);
    return true;
  }

  /** The step's event names who of the receiver took it: the history shows it to the receiver. */
  private async receipt(
    office: AuthenticatedOffice,
    entry: InboxEntryEntity,
    step: (m: EntityManager, at: Date) => Promise<ReceiptToPublish | null>,
  ): Promise<void> {
    const at = new Date();
    await inTransactionThenNudge(this.dataSource, this.relay, async (m) => {
      const event = await step(m, at);
      if (!event) return;
      await publishEvent(
        m,
        GATEWAY_SCHEMA,
        event.eventClass,
        pairKey(entry.senderOfficeNumber, entry.receiverOfficeNumber),
        {
          deliveryId: entry.id,
          submissionId: entry.submissionId,
          senderOfficeNumber: entry.senderOfficeNumber,
          receiverOfficeNumber: entry.receiverOfficeNumber,
          actor: actorOf(office),
          ...event.fields,
        },
        { occurredAt: at },
      );
    });
  }

  private async findFile(entry: InboxEntryEntity, fileId: string): Promise<SubmissionFileEntity> {
    const file = await this.submissions.findFile(entry.submissionId, fileId);
    if (!file) throw InboxErrors.fileNotFound();
    return file;
  }

  /** Another office's delivery is reported exactly like a missing one. */
  private async findOwn(office: AuthenticatedOffice, id: string): Promise<InboxEntryEntity> {
    const entry = await this.entries.findForReceiver(office.officeNumber, id);
    if (!entry) throw InboxErrors.notFound();
    return entry;
  }

  private async toDtos(entries: InboxEntryEntity[]): Promise<InboxEntryDto[]> {
    if (entries.length === 0) return [];
    const ids = entries.map((e) => e.submissionId);
    const [submissions, files] = await Promise.all([
      this.submissions.findByIds(ids),
      this.submissions.findFilesInOrder(ids),
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
