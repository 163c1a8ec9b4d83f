import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { ValidationReport } from '@careplan/spec';
import { keysetPage, Page, PageRows } from '@careplan/platform';
import { blobInsertOf, PreparedStatement, runPrepared } from '@careplan/persistence';
import { GATEWAY_SCHEMA } from '../database/schema';
import { SubmissionFileEntity } from './submission-file.entity';
import { LaterStatus, statusesBelow, timestampColumn } from './submission-status';
import { SubmissionEntity, SubmissionStatus } from './submission.entity';

const SUBMISSIONS = `"${GATEWAY_SCHEMA}"."submissions"`;
const FILES = `"${GATEWAY_SCHEMA}"."submission_files"`;
const PAIR_SEQUENCES = `"${GATEWAY_SCHEMA}"."pair_sequences"`;
const OUTBOX = `"${GATEWAY_SCHEMA}"."outbox"`;
const OFFICES = `"${GATEWAY_SCHEMA}"."offices"`;

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

/** A bundle to accept: its submission (numbered when stored), its files with their bytes, its outbox row. */
export interface Acceptance {
  submission: Omit<NewSubmission, 'pairSeq' | 'acceptedAt' | 'status' | 'report'>;
  files: (Omit<NewSubmissionFile, 'submissionId'> & { bytes: Buffer })[];
  /** The received event's row; its occurredAt is set to the acceptance time as the statement stores it. */
  outbox: { topic: string; key: string; payload: string };
}

/**
 * What accepting found: the pair's sequence number the bundle was stored under and the time it was (taken under
 * the pair's lock, so it follows the pair's order), or why nothing was stored.
 */
export type AcceptOutcome =
  { pairSeq: number; acceptedAt: Date } | { refused: 'receiverUnknown' | 'receiverUnlicensed' };

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

  /**
   * Stores a bundle in one statement, so in one transaction of one round trip: if the receiver is registered
   * and licensed, the pair's next sequence number, the submission under it, the bytes, the files and the outbox
   * row. Incrementing the pair's counter row locks it until the statement commits: one pair's accepts are
   * serialised and numbered in commit order, and each outbox row (whose insert reads the numbered submission,
   * so it is numbered after the lock is held) gets its id in that order too, which is the order the relay
   * publishes in. The counter starts from the pair's highest number when it has no row yet.
   */
  async accept(a: Acceptance): Promise<AcceptOutcome> {
    const s = a.submission;
    const f = a.files;
    const head = [
      s.senderOfficeNumber,
      s.receiverOfficeNumber,
      s.id,
      s.idempotencyKey,
      s.requestHash,
      s.receivedEventId,
      s.senderActor ? JSON.stringify(s.senderActor) : null,
      a.outbox.topic,
      a.outbox.key,
      a.outbox.payload,
      f.map((x) => x.id),
      f.map((x) => x.position),
      f.map((x) => x.name),
      f.map((x) => x.kind),
      f.map((x) => x.contentType),
      f.map((x) => x.size),
      f.map((x) => x.sha256),
    ];
    const blobs = blobInsertOf(f, head.length + 1, 'EXISTS (SELECT FROM seq)');
    const [row] = await runPrepared<{
      licensed: boolean | null;
      pair_seq: string | null;
      accepted_at: Date | null;
    }>(this.dataSource, acceptStatement(blobs.rows, blobs.text), [...head, ...blobs.params]);
    if (row.pair_seq !== null && row.accepted_at !== null)
      return { pairSeq: Number(row.pair_seq), acceptedAt: row.accepted_at };
    return { refused: row.licensed === null ? 'receiverUnknown' : 'receiverUnlicensed' };
  }

  /** Records that a submission reached `status` at `at`: the timestamp once, the status only if it advances. */
  advanceStatus(
    m: EntityManager,
    submissionId: string,
    status: LaterStatus,
    at: Date,
    report?: ValidationReport,
  ): Promise<void> {
    return this.advanceStatuses(m, status, [{ submissionId, at, report }]);
  }

  /** advanceStatus of a batch's submissions in one statement. */
  async advanceStatuses(m: EntityManager, status: LaterStatus, steps: StatusStep[]): Promise<void> {
    await runPrepared(m, advanceStatement(status), advanceParams(status, steps));
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

// By the number of distinct blobs, the one part of the text that varies.
const acceptStatements = new Map<number, PreparedStatement>();

function acceptStatement(blobRows: number, blobInsert: string): PreparedStatement {
  const known = acceptStatements.get(blobRows);
  if (known) return known;
  const statement = {
    name: `gateway-accept-${blobRows}`,
    text: `WITH receiver AS (
      SELECT license_active FROM ${OFFICES} WHERE office_number = $2::varchar
    ), seq AS (
      INSERT INTO ${PAIR_SEQUENCES} AS p (sender_office_number, receiver_office_number, last_seq)
      SELECT $1::varchar, $2::varchar, COALESCE((SELECT MAX(pair_seq) FROM ${SUBMISSIONS}
              WHERE sender_office_number = $1::varchar AND receiver_office_number = $2::varchar), 0) + 1
        FROM receiver WHERE license_active
      ON CONFLICT (sender_office_number, receiver_office_number) DO UPDATE SET last_seq = p.last_seq + 1
      RETURNING last_seq
    ), submission AS (
      -- The time once the pair's lock is held (in milliseconds, as JavaScript and the events carry it).
      INSERT INTO ${SUBMISSIONS} (id, sender_office_number, receiver_office_number, pair_seq, status,
          idempotency_key, request_hash, accepted_at, received_event_id, sender_actor)
      SELECT $3::uuid, $1::varchar, $2::varchar, last_seq, 'accepted', $4::varchar, $5::char(64),
             date_trunc('milliseconds', clock_timestamp()), $6::uuid, $7::jsonb
        FROM seq
      RETURNING id, pair_seq, accepted_at
    ), bytes AS (
      ${blobInsert}
    ), files AS (
      INSERT INTO ${FILES} (id, submission_id, position, name, kind, content_type, size, sha256)
      SELECT f.id, submission.id, f.position, f.name, f.kind, f.content_type, f.size, f.sha256
        FROM submission, unnest($11::uuid[], $12::integer[], $13::text[], $14::varchar[], $15::text[],
                                $16::integer[], $17::char(64)[])
             AS f (id, position, name, kind, content_type, size, sha256)
    ), event AS (
      INSERT INTO ${OUTBOX} (topic, key, payload)
      SELECT $8::text, $9::text, jsonb_set($10::jsonb, '{occurredAt}',
               to_jsonb(to_char(accepted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
        FROM submission
    )
    SELECT (SELECT license_active FROM receiver) AS licensed, submission.pair_seq, submission.accepted_at
      FROM (SELECT 1) AS one LEFT JOIN submission ON true`,
  };
  acceptStatements.set(blobRows, statement);
  return statement;
}

/** A submission's step: when, the verdict's report if any, the inbox entry of a delivery. */
export interface StatusStep {
  submissionId: string;
  at: Date;
  report?: ValidationReport;
  delivery?: { id: string; receiverOfficeNumber: string; senderOfficeNumber: string };
}

/**
 * The steps as the recordset `steps` of advanceStatusUpdate reads them (one JSON parameter, $1): a submission
 * twice in a batch counts by its first step, as applying them one by one would keep the first timestamp.
 */
const STEPS = `steps AS (
    SELECT DISTINCT ON (id) * FROM ROWS FROM (
      jsonb_to_recordset($1::jsonb)
        AS (id uuid, at timestamptz, report jsonb, delivery_id uuid, receiver varchar, sender varchar)
    ) WITH ORDINALITY AS s(id, at, report, delivery_id, receiver, sender, n)
    ORDER BY id, n
  )`;

/**
 * The UPDATE of advanceStatuses, parameters $1 the steps, $2 statuses it advances from, $3 status
 * (advanceParams): a caller may add a data-modifying CTE of its own reading `steps`.
 */
export function advanceStatusUpdate(status: LaterStatus, cte = ''): string {
  const column = timestampColumn(status);
  return `WITH ${STEPS}${cte ? `, ${cte}` : ''}
  UPDATE ${SUBMISSIONS} AS t
      SET ${column} = COALESCE(t.${column}, steps.at),
          status = CASE WHEN t.status = ANY($2::text[]) THEN $3::varchar ELSE t.status END,
          report = COALESCE(steps.report, t.report)
     FROM steps
    WHERE t.id = steps.id`;
}

export function advanceParams(status: LaterStatus, steps: StatusStep[]): unknown[] {
  const rows = steps.map((s) => ({
    id: s.submissionId,
    at: s.at.toISOString(),
    report: s.report ?? null,
    delivery_id: s.delivery?.id ?? null,
    receiver: s.delivery?.receiverOfficeNumber ?? null,
    sender: s.delivery?.senderOfficeNumber ?? null,
  }));
  return [JSON.stringify(rows), statusesBelow(status), status];
}

const advanceStatements = new Map<LaterStatus, PreparedStatement>();

function advanceStatement(status: LaterStatus): PreparedStatement {
  const known = advanceStatements.get(status);
  if (known) return known;
  const statement = { name: `gateway-advance-${status}`, text: advanceStatusUpdate(status) };
  advanceStatements.set(status, statement);
  return statement;
}
