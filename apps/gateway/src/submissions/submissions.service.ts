import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { OFFICE_NUMBER_PATTERN, pageLimit, pairKey } from '@careplan/contracts';
import { inTransactionThenNudge, OutboxRelay } from '@careplan/messaging';
import { advisoryLock, BlobStore, sha256Hex } from '@careplan/persistence';
import { MetricsService, parseInstant } from '@careplan/platform';
import { parseFileName, serialAt } from '@careplan/spec';
import { actorOf, AuthenticatedOffice, OfficesService } from '../offices/offices.service';
import { CheckedFile, checkBundleFiles } from './bundle';
import { ListSubmissionsQuery } from './dto/list-submissions.query';
import { SubmissionDto, SubmissionPageDto } from './dto/submission.dto';
import type { UploadedBundle } from './multipart';
import { SubmissionEntity } from './submission.entity';
import { SubmissionErrors } from './submission.errors';
import { publishReceived } from './submission.events';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly offices: OfficesService,
    private readonly blobs: BlobStore,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    private readonly metrics: MetricsService,
    private readonly submissions: SubmissionsRepository,
  ) {}

  /**
   * Accepts a bundle durably: bytes, submission and its received event are committed in one
   * transaction (transactional outbox), so an accepted submission is never lost, even with Kafka down.
   */
  async accept(
    office: AuthenticatedOffice,
    bundle: UploadedBundle,
    idempotencyKey?: string,
  ): Promise<AcceptResult> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
      throw SubmissionErrors.idempotencyKeyInvalid();
    const to = await this.checkParties(office, bundle.to);
    const files = checkBundleFiles(bundle.files, office.officeNumber, to);
    const requestHash = hashRequest(to, files);
    if (idempotencyKey) {
      const earlier = await this.findByIdempotencyKey(office.officeNumber, idempotencyKey, requestHash);
      if (earlier) return { submission: earlier, replayed: true };
    }
    try {
      const submission = await inTransactionThenNudge(this.dataSource, this.relay, (m) =>
        this.store(m, office, to, files, requestHash, idempotencyKey ?? null),
      );
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

  private async checkParties(office: AuthenticatedOffice, to: string | undefined): Promise<string> {
    if (!office.licenseActive) throw SubmissionErrors.senderUnlicensed(office.officeNumber);
    if (!to) throw SubmissionErrors.receiverMissing();
    if (!OFFICE_NUMBER_PATTERN.test(to)) throw SubmissionErrors.receiverInvalid(to);
    if (to === office.officeNumber) throw SubmissionErrors.sendToSelf();
    const receiver = await this.offices.find(to);
    if (!receiver) throw SubmissionErrors.receiverUnknown(to);
    if (!receiver.licenseActive) throw SubmissionErrors.receiverUnlicensed(to);
    return to;
  }

  private async store(
    m: EntityManager,
    office: AuthenticatedOffice,
    to: string,
    files: CheckedFile[],
    requestHash: string,
    idempotencyKey: string | null,
  ): Promise<SubmissionDto> {
    // Serialises accepts of one sender → receiver pair until this transaction commits, then numbers the
    // submission. So for one pair, sequence order = outbox id order = commit order = acceptance order,
    // and the relay can never publish a later bundle of the pair before an earlier one.
    const from = office.officeNumber;
    await advisoryLock(m, pairKey(from, to));
    const pairSeq = await this.submissions.nextPairSequence(m, from, to);
    const receivedEventId = randomUUID();
    const submission = await this.submissions.insert(m, {
      id: randomUUID(),
      senderOfficeNumber: from,
      receiverOfficeNumber: to,
      pairSeq,
      status: 'accepted',
      idempotencyKey,
      requestHash,
      report: null,
      acceptedAt: new Date(),
      receivedEventId,
      senderActor: actorOf(office) ?? null,
    });
    // One statement for the bytes and one for the rows: the pair's lock is held for this whole transaction.
    const hashes = await this.blobs.putMany(
      files.map((f) => f.bytes),
      m,
    );
    const rows = await this.submissions.insertFiles(
      m,
      files.map((f, position) => ({
        id: randomUUID(),
        submissionId: submission.id,
        position,
        name: f.name,
        kind: f.kind,
        contentType: f.contentType,
        size: f.bytes.length,
        sha256: hashes[position],
      })),
    );
    await publishReceived(m, submission, rows, receivedEventId);
    return toSubmissionDto(submission, rows);
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

/** Identifies a request's content: the receiver and every file's name and bytes, in order. */
function hashRequest(to: string, files: CheckedFile[]): string {
  const parts = [to, ...files.map((f) => `${f.name}\u0000${sha256Hex(f.bytes)}`)];
  return createHash('sha256').update(parts.join('\u0001')).digest('hex');
}

function isUniqueViolation(e: unknown): boolean {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { driverError?: { code?: string } }).driverError?.code === '23505'
  );
}
