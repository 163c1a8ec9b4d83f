import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { OFFICE_NUMBER_PATTERN, pageLimit, pairKey } from '@careplan/contracts';
import { inTransactionThenNudge, OutboxRelay } from '@careplan/messaging';
import { advisoryLock, BlobStore, sha256Hex } from '@careplan/persistence';
import { keysetPage, MetricsService, parseInstant } from '@careplan/platform';
import { AuthenticatedOffice, OfficesService } from '../offices/offices.service';
import { CheckedFile, checkBundleFiles } from './bundle';
import { ListSubmissionsQuery } from './dto/list-submissions.query';
import { SubmissionDto, SubmissionPageDto } from './dto/submission.dto';
import type { UploadedBundle } from './multipart';
import { SubmissionFileEntity } from './submission-file.entity';
import { SubmissionEntity } from './submission.entity';
import { SubmissionErrors } from './submission.errors';
import { publishReceived } from './submission.events';
import { toSubmissionDto } from './submission.mapper';
import { GATEWAY_SCHEMA } from '../database/schema';

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
        this.store(m, office.officeNumber, to, files, requestHash, idempotencyKey ?? null),
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

  /** The sender's view of one of its submissions; another office's id is simply not found. */
  async getForSender(office: AuthenticatedOffice, id: string): Promise<SubmissionDto> {
    const submission = await this.dataSource.manager.findOne(SubmissionEntity, {
      where: { id, senderOfficeNumber: office.officeNumber },
      relations: { files: true },
    });
    if (!submission) throw SubmissionErrors.notFound();
    return toSubmissionDto(submission, submission.files);
  }

  /** The sender's own submissions, newest first; filters narrow, never widen, to this office. */
  listForSender(office: AuthenticatedOffice, query: ListSubmissionsQuery): Promise<SubmissionPageDto> {
    const qb = this.dataSource.manager
      .createQueryBuilder(SubmissionEntity, 's')
      .where('s.senderOfficeNumber = :office', { office: office.officeNumber });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.to) qb.andWhere('s.receiverOfficeNumber = :to', { to: query.to });
    if (query.since) {
      const since = parseInstant(query.since);
      if (since) qb.andWhere('s.acceptedAt >= :since', { since: since.at });
    }
    return keysetPage(qb, 'acceptedAt', query.cursor, pageLimit(query), (rows) => this.withFiles(rows));
  }

  private async withFiles(rows: SubmissionEntity[]): Promise<SubmissionDto[]> {
    if (rows.length === 0) return [];
    const files = await this.dataSource.manager.find(SubmissionFileEntity, {
      where: { submissionId: In(rows.map((r) => r.id)) },
    });
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
    from: string,
    to: string,
    files: CheckedFile[],
    requestHash: string,
    idempotencyKey: string | null,
  ): Promise<SubmissionDto> {
    const pairSeq = await nextPairSequence(m, from, to);
    const receivedEventId = randomUUID();
    const submission = m.create(SubmissionEntity, {
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
    });
    await m.save(SubmissionEntity, submission);
    // One statement for the bytes and one for the rows: the pair's lock is held for this whole transaction.
    const hashes = await this.blobs.putMany(
      files.map((f) => f.bytes),
      m,
    );
    const rows = files.map((f, position) =>
      m.create(SubmissionFileEntity, {
        id: randomUUID(),
        submissionId: submission.id,
        position,
        name: f.name,
        kind: f.kind,
        contentType: f.contentType,
        size: f.bytes.length,
        sha256: hashes[position],
      }),
    );
    await m
      .createQueryBuilder()
      .insert()
      .into(SubmissionFileEntity)
      .values(rows.map(({ submission: _submission, ...row }) => row))
      .execute();
    await publishReceived(m, submission, rows, receivedEventId);
    return toSubmissionDto(submission, rows);
  }

  private async findByIdempotencyKey(
    sender: string,
    key: string,
    requestHash: string,
  ): Promise<SubmissionDto | null> {
    const earlier = await this.dataSource.manager.findOne(SubmissionEntity, {
      where: { senderOfficeNumber: sender, idempotencyKey: key },
      relations: { files: true },
    });
    if (!earlier) return null;
    if (earlier.requestHash !== requestHash) throw SubmissionErrors.idempotencyConflict(key);
    return toSubmissionDto(earlier, earlier.files);
  }
}

/**
 * Serialises accepts of one sender → receiver pair until this transaction commits, then numbers the
 * submission. So for one pair, sequence order = outbox id order = commit order = acceptance order,
 * and the relay can never publish a later bundle of the pair before an earlier one.
 */
async function nextPairSequence(m: EntityManager, from: string, to: string): Promise<number> {
  await advisoryLock(m, pairKey(from, to));
  const [row] = await m.query<{ next: string }[]>(
    `SELECT COALESCE(MAX(pair_seq), 0) + 1 AS next FROM "${GATEWAY_SCHEMA}"."submissions"
      WHERE sender_office_number = $1 AND receiver_office_number = $2`,
    [from, to],
  );
  return Number(row.next);
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
