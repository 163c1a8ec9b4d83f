import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { ValidationReport } from '@careplan/spec';
import { keysetPage, Page, PageRows } from '@careplan/platform';
import { GATEWAY_SCHEMA } from '../database/schema';
import { SubmissionFileEntity } from './submission-file.entity';
import { LaterStatus, statusesBelow, timestampColumn } from './submission-status';
import { SubmissionEntity, SubmissionStatus } from './submission.entity';

const SUBMISSIONS = `"${GATEWAY_SCHEMA}"."submissions"`;

export type NewSubmission = Omit<
  SubmissionEntity,
  | 'files'
  | 'validatedAt'
  | 'rejectedAt'
  | 'deliveredAt'
  | 'downloadedAt'
  | 'acknowledgedAt'
  | 'redrivenAt'
  | 'redriveCount'
>;
export type NewSubmissionFile = Omit<SubmissionFileEntity, 'submission'>;

/** What a sender's list narrows to: its own submissions, maybe of one status, receiver or since then. */
export interface SenderFilter {
  sender: string;
  status?: SubmissionStatus;
  to?: string;
  since?: Date;
}

/** The submissions and their files (one aggregate): every statement on their tables. */
@Injectable()
export class SubmissionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** With its files; null when there is none, or it is another sender's. */
  findForSender(sender: string, id: string): Promise<SubmissionEntity | null> {
    return this.dataSource.manager.findOne(SubmissionEntity, {
      where: { id, senderOfficeNumber: sender },
      relations: { files: true },
    });
  }

  /** With its files: the sender's submission made under the Idempotency-Key, if any. */
  findByIdempotencyKey(sender: string, key: string): Promise<SubmissionEntity | null> {
    return this.dataSource.manager.findOne(SubmissionEntity, {
      where: { senderOfficeNumber: sender, idempotencyKey: key },
      relations: { files: true },
    });
  }

  findByIds(ids: string[]): Promise<SubmissionEntity[]> {
    return this.dataSource.manager.find(SubmissionEntity, { where: { id: In(ids) } });
  }

  /** A page of the sender's submissions, newest first. */
  pageForSender<D>(
    f: SenderFilter,
    cursor: string | undefined,
    limit: number,
    toDto: PageRows<SubmissionEntity, D>,
  ): Promise<Page<D>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(SubmissionEntity, 's')
      .where('s.senderOfficeNumber = :office', { office: f.sender });
    if (f.status) qb.andWhere('s.status = :status', { status: f.status });
    if (f.to) qb.andWhere('s.receiverOfficeNumber = :to', { to: f.to });
    if (f.since) qb.andWhere('s.acceptedAt >= :since', { since: f.since });
    return keysetPage(qb, 'acceptedAt', cursor, limit, toDto);
  }

  /** The files of these submissions, unordered (callers group them by submission). */
  findFilesOf(submissionIds: string[]): Promise<SubmissionFileEntity[]> {
    return this.dataSource.manager.find(SubmissionFileEntity, {
      where: { submissionId: In(submissionIds) },
    });
  }

  /** The files of these submissions, in bundle order. */
  findFilesInOrder(submissionIds: string[]): Promise<SubmissionFileEntity[]> {
    return this.dataSource.manager.find(SubmissionFileEntity, {
      where: { submissionId: In(submissionIds) },
      order: { position: 'ASC' },
    });
  }

  findFile(submissionId: string, fileId: string): Promise<SubmissionFileEntity | null> {
    return this.dataSource.manager.findOne(SubmissionFileEntity, { where: { id: fileId, submissionId } });
  }

  /** The pair's next sequence number; the caller holds the pair's lock, so no other takes it meanwhile. */
  async nextPairSequence(m: EntityManager, from: string, to: string): Promise<number> {
    const [row] = await m.query<{ next: string }[]>(
      `SELECT COALESCE(MAX(pair_seq), 0) + 1 AS next FROM ${SUBMISSIONS}
        WHERE sender_office_number = $1 AND receiver_office_number = $2`,
      [from, to],
    );
    return Number(row.next);
  }

  /** A plain INSERT (save would first SELECT the new id to choose between insert and update). */
  async insert(m: EntityManager, s: NewSubmission): Promise<SubmissionEntity> {
    const submission = m.create(SubmissionEntity, s);
    await m.insert(SubmissionEntity, submission);
    return submission;
  }

  /** All the files in one statement. */
  async insertFiles(m: EntityManager, files: NewSubmissionFile[]): Promise<SubmissionFileEntity[]> {
    const rows = files.map((f) => m.create(SubmissionFileEntity, f));
    await m
      .createQueryBuilder()
      .insert()
      .into(SubmissionFileEntity)
      .values(rows.map(({ submission: _submission, ...row }) => row))
      .execute();
    return rows;
  }

  /** Records that a submission reached `status` at `at`: the timestamp once, the status only if it advances. */
  async advanceStatus(
    m: EntityManager,
    submissionId: string,
    status: LaterStatus,
    at: Date,
    report?: ValidationReport,
  ): Promise<void> {
    const column = timestampColumn(status);
    await m.query(
      `UPDATE ${SUBMISSIONS}
          SET ${column} = COALESCE(${column}, $2),
              status = CASE WHEN status = ANY($3::text[]) THEN $4 ELSE status END,
              report = COALESCE($5::jsonb, report)
        WHERE id = $1`,
      [submissionId, at, statusesBelow(status), status, report ? JSON.stringify(report) : null],
    );
  }

  /** One reconciler at a time across instances: false when another holds it (until its transaction ends). */
  async tryLockReconciler(m: EntityManager): Promise<boolean> {
    const [{ locked }] = await m.query<{ locked: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock(hashtext('reconciler:gateway')) AS locked`,
    );
    return locked;
  }

  /**
   * Locks and returns up to `limit` submissions stuck `accepted` or `validated`: no step and no re-drive
   * for `afterSeconds`, doubled per re-drive up to 2^maxDoublings. Oldest first, with files in order.
   */
  async lockStuck(
    m: EntityManager,
    afterSeconds: number,
    maxDoublings: number,
    limit: number,
  ): Promise<SubmissionEntity[]> {
    // GREATEST ignores nulls: the last step the submission took, or its last re-drive.
    const stuck = await m.query<{ id: string }[]>(
      `SELECT id FROM ${SUBMISSIONS}
        WHERE status IN ('accepted', 'validated')
          AND GREATEST(accepted_at, validated_at, redriven_at)
              < now() - make_interval(secs => $1 * power(2, LEAST(redrive_count, $2)))
        ORDER BY accepted_at
        LIMIT $3
        FOR UPDATE SKIP LOCKED`,
      [afterSeconds, maxDoublings, limit],
    );
    if (stuck.length === 0) return [];
    return m.find(SubmissionEntity, {
      where: { id: In(stuck.map((s) => s.id)) },
      relations: { files: true },
      order: { acceptedAt: 'ASC', files: { position: 'ASC' } },
    });
  }

  /** Keeps the received event id (chosen now for rows from before ids were kept) and counts the re-drive. */
  async markRedriven(m: EntityManager, id: string, receivedEventId: string): Promise<void> {
    await m.query(
      `UPDATE ${SUBMISSIONS}
          SET received_event_id = $2, redriven_at = now(), redrive_count = redrive_count + 1
        WHERE id = $1`,
      [id, receivedEventId],
    );
  }
}
