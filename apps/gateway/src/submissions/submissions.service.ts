import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { OFFICE_NUMBER_PATTERN, pageLimit } from '@careplan/contracts';
import { OutboxRelay } from '@careplan/messaging';
import { sha256Hex } from '@careplan/persistence';
import { MetricsService, parseInstant } from '@careplan/platform';
import { parseFileName, serialAt } from '@careplan/spec';
import { actorOf, AuthenticatedOffice, OfficesService } from '../offices/offices.service';
import { CheckedFile, checkBundleFiles } from './bundle';
import { ListSubmissionsQuery } from './dto/list-submissions.query';
import { SubmissionDto, SubmissionPageDto } from './dto/submission.dto';
import type { UploadedBundle } from './multipart';
import { SubmissionEntity } from './submission.entity';
import { SubmissionErrors } from './submission.errors';
import { receivedEvent } from './submission.events';
import { toSubmissionDto } from './submission.mapper';
import { SubmissionsRepository } from './submissions.repository';

export interface AcceptResult {
  submission: SubmissionDto;
  /** True when an Idempotency-Key matched an earlier identical submission. */
  replayed: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@Injectable()
export class SubmissionsService {
  constructor(
    private readonly offices: OfficesService,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    private readonly metrics: MetricsService,
    private readonly submissions: SubmissionsRepository,
  ) {}

  /**
   * Accepts a bundle durably: bytes, submission and its received event are committed together, in one
   * statement (transactional outbox), so an accepted submission is never lost, even with Kafka down.
   */
  async accept(
    office: AuthenticatedOffice,
    bundle: UploadedBundle,
    idempotencyKey?: string,
  ): Promise<AcceptResult> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
      throw SubmissionErrors.idempotencyKeyInvalid();
    const to = checkParties(office, bundle.to);
    let files: CheckedFile[];
    try {
      files = checkBundleFiles(bundle.files, office.officeNumber, to);
    } catch (e) {
      // A refused receiver is the first thing to fix: it is named before what is wrong with the files.
      await this.checkReceiver(to);
      throw e;
    }
    const hashed = files.map((f) => ({ ...f, sha256: sha256Hex(f.bytes) }));
    const requestHash = hashRequest(to, hashed);
    if (idempotencyKey) {
      // The receiver first, as without a key; then an earlier identical request answers as it did.
      await this.checkReceiver(to);
      const earlier = await this.findByIdempotencyKey(office.officeNumber, idempotencyKey, requestHash);
      if (earlier) return { submission: earlier, replayed: true };
    }
    try {
      const submission = await this.store(office, to, hashed, requestHash, idempotencyKey ?? null);
      this.relay.nudge();
      this.metrics.counter('careplan_submissions_total', 'Submissions accepted by the gateway').inc();
      return { submission, replayed: false };
    } catch (e) {
      // Two concurrent requests with one Idempotency-Key: the loser answers like a replay.
      if (idempotencyKey && isUniqueViolation(e)) {
        const earlier = await this.findByIdempotencyKey(office.officeNumber, idempotencyKey, requestHash);
        if (earlier) return { submission: earlier, replayed: true };
      }
      throw e;
    }
  }

  /**
   * The ファイル連番 of the files a JSON bundle renders: now in Japan time, or, when the Idempotency-Key was used
   * before, the earlier bundle's, so that the same records render the same files and the replay matches.
   */
  async serialFor(office: AuthenticatedOffice, idempotencyKey?: string): Promise<string> {
    const earlier = idempotencyKey
      ? await this.submissions.findByIdempotencyKey(office.officeNumber, idempotencyKey)
      : null;
    const serial = earlier?.files.map((f) => parseFileName(f.name)?.serial).find((s) => s !== undefined);
    return serial ?? serialAt(new Date());
  }

  /** The sender's view of one of its submissions; another office's id is simply not found. */
  async getForSender(office: AuthenticatedOffice, id: string): Promise<SubmissionDto> {
    const submission = await this.submissions.findForSender(office.officeNumber, id);
    if (!submission) throw SubmissionErrors.notFound();
    return toSubmissionDto(submission, submission.files);
  }

  /** The sender's own submissions, newest first; filters narrow, never widen, to this office. */
  listForSender(office: AuthenticatedOffice, query: ListSubmissionsQuery): Promise<SubmissionPageDto> {
    const filter = {
      sender: office.officeNumber,
      status: query.status,
      to: query.to,
      since: query.since ? parseInstant(query.since)?.at : undefined,
    };
    return this.submissions.pageForSender(filter, query.cursor, pageLimit(query), (rows) =>
      this.withFiles(rows),
    );
  }

  private async withFiles(rows: SubmissionEntity[]): Promise<SubmissionDto[]> {
    if (rows.length === 0) return [];
    const files = await this.submissions.findFilesOf(rows.map((r) => r.id));
    return rows.map((r) =>
      toSubmissionDto(
        r,
        files.filter((f) => f.submissionId === r.id),
      ),
    );
  }

  /** The receiver is registered and licensed (the accepting statement checks it again, as it stores). */
  private async checkReceiver(to: string): Promise<void> {
    const receiver = await this.offices.find(to);
    if (!receiver) throw SubmissionErrors.receiverUnknown(to);
    if (!receiver.licenseActive) throw SubmissionErrors.receiverUnlicensed(to);
  }

  /** Stores the bundle in one statement (SubmissionsRepository.accept), refusing it if the receiver may not receive. */
  private async store(
    office: AuthenticatedOffice,
    to: string,
    files: (CheckedFile & { sha256: string })[],
    requestHash: string,
    idempotencyKey: string | null,
  ): Promise<SubmissionDto> {
    const submission = {
      id: randomUUID(),
      senderOfficeNumber: office.officeNumber,
      receiverOfficeNumber: to,
      idempotencyKey,
      requestHash,
      receivedEventId: randomUUID(),
      senderActor: actorOf(office) ?? null,
    };
    const rows = files.map((f, position) => ({
      id: randomUUID(),
      submissionId: submission.id,
      position,
      name: f.name,
      kind: f.kind,
      contentType: f.contentType,
      size: f.bytes.length,
      sha256: f.sha256,
    }));
    // Its occurredAt is the acceptance time, which the statement sets as it stores the submission.
    const { topic, key, event } = receivedEvent(
      { ...submission, acceptedAt: new Date() },
      rows,
      submission.receivedEventId,
    );
    const outcome = await this.submissions.accept({
      submission,
      files: rows.map((r, i) => ({ ...r, bytes: files[i].bytes })),
      outbox: { topic, key, payload: JSON.stringify(event) },
    });
    if ('refused' in outcome) throw SubmissionErrors[outcome.refused](to);
    return toSubmissionDto(
      {
        ...submission,
        pairSeq: outcome.pairSeq,
        acceptedAt: outcome.acceptedAt,
        status: 'accepted',
        report: null,
        validatedAt: null,
        rejectedAt: null,
        deliveredAt: null,
        downloadedAt: null,
        acknowledgedAt: null,
        redrivenAt: null,
        redriveCount: 0,
      },
      rows,
    );
  }

  private async findByIdempotencyKey(
    sender: string,
    key: string,
    requestHash: string,
  ): Promise<SubmissionDto | null> {
    const earlier = await this.submissions.findByIdempotencyKey(sender, key);
    if (!earlier) return null;
    if (earlier.requestHash !== requestHash) throw SubmissionErrors.idempotencyConflict(key);
    return toSubmissionDto(earlier, earlier.files);
  }
}

/** The sender may send, and to a receiver that is well-formed and not itself (what needs no lookup). */
function checkParties(office: AuthenticatedOffice, to: string | undefined): string {
  if (!office.licenseActive) throw SubmissionErrors.senderUnlicensed(office.officeNumber);
  if (!to) throw SubmissionErrors.receiverMissing();
  if (!OFFICE_NUMBER_PATTERN.test(to)) throw SubmissionErrors.receiverInvalid(to);
  if (to === office.officeNumber) throw SubmissionErrors.sendToSelf();
  return to;
}

/** Identifies a request's content: the receiver and every file's name and bytes, in order. */
function hashRequest(to: string, files: { name: string; sha256: string }[]): string {
  const parts = [to, ...files.map((f) => `${f.name}\u0000${f.sha256}`)];
  return createHash('sha256').update(parts.join('\u0001')).digest('hex');
}

/** A unique violation, raised by the pg driver itself or wrapped by TypeORM. */
function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as { code?: string; driverError?: { code?: string } };
  return (err.driverError?.code ?? err.code) === '23505';
}
