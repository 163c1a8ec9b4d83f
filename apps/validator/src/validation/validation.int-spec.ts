import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HISTORY_KEYS_MAX_INSURED_NUMBERS, SubmissionReceivedEvent, Topics } from '@careplan/contracts';
import { BlobStore, migratedDataSource, storageDatabase } from '@careplan/persistence';
import { MetricsService } from '@careplan/platform';
import { MAX_INSURED_NUMBERS } from '@careplan/spec';
import {
  buildBundle,
  buildFile,
  CARE_OFFICE,
  defaultRecords,
  fixtureJpeg,
  HOME_HELP_OFFICE,
  USERS,
} from '@careplan/spec/testing';
import { createTestDatabase, eventually, TestDatabase } from '@careplan/testing';
import { validatorDatabase } from '../database/validator.database';
import { ValidationRepository } from './validation.repository';
import { ValidationService } from './validation.service';

interface Issue {
  code: string;
  severity: string;
  row: number | null;
  column: number | null;
  columnName: string | null;
  value: string | null;
}

interface Verdict {
  eventId: string;
  occurredAt: string;
  submissionId: string;
  ok: boolean;
  report: { ok: boolean; files: { name: string; errorCount: number; issues: Issue[] }[] };
  historyKeys?: { insuredNumbers: string[]; truncated: boolean };
}

interface OutboxRow {
  topic: string;
  key: string;
  payload: Verdict;
}

interface StoredValidation {
  ok: boolean;
  error_count: number;
  warning_count: number;
  verdict_event_id: string | null;
}

type FileToSend = { name: string; bytes: Uint8Array; kind?: 'csv' | 'attachment' };

describe('validation (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let blobs: BlobStore;
  let service: ValidationService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [validatorDatabase, storageDatabase]);
    blobs = new BlobStore(ds);
    service = new ValidationService(
      ds,
      blobs,
      new MetricsService('validator-test'),
      new ValidationRepository(),
    );
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** A received submission whose files are stored as blobs, as the gateway leaves them. */
  async function received(files: FileToSend[]): Promise<SubmissionReceivedEvent> {
    return Object.assign(new SubmissionReceivedEvent(), {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      submissionId: randomUUID(),
      senderOfficeNumber: CARE_OFFICE,
      receiverOfficeNumber: HOME_HELP_OFFICE,
      files: await Promise.all(
        files.map(async (f) => ({
          fileId: randomUUID(),
          name: f.name,
          kind: f.kind ?? 'csv',
          contentType: f.kind === 'attachment' ? 'image/jpeg' : 'text/csv',
          size: f.bytes.length,
          sha256: await blobs.put(Buffer.from(f.bytes)),
        })),
      ),
    });
  }

  const validateIn = (e: SubmissionReceivedEvent) => ds.transaction((m) => service.validate(e, m));

  /** Every verdict event the validator wrote for the submission, oldest first. */
  const outbox = (submissionId: string): Promise<OutboxRow[]> =>
    ds.query(
      `SELECT topic, key, payload FROM "validator"."outbox" WHERE payload->>'submissionId' = $1 ORDER BY id`,
      [submissionId],
    );

  const stored = (submissionId: string): Promise<StoredValidation[]> =>
    ds.query(
      `SELECT ok, error_count, warning_count, verdict_event_id FROM "validator"."validations"
        WHERE submission_id = $1`,
      [submissionId],
    );

  /** Validates a submission of the files and returns its one verdict. */
  async function validate(files: FileToSend[]): Promise<Verdict> {
    const e = await received(files);
    await validateIn(e);
    const [row] = await outbox(e.submissionId);
    return row.payload;
  }

  /** Sessions of this test's database waiting on a row lock. */
  const waitingOnLocks = async (): Promise<number> => {
    const [{ n }] = await ds.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return Number(n);
  };

  /** The bytes are gone from storage: the validator can no longer read the submission. */
  async function loseBlobs(e: SubmissionReceivedEvent): Promise<void> {
    await ds.query(`DELETE FROM "storage"."blobs" WHERE sha256 = ANY($1)`, [e.files.map((f) => f.sha256)]);
  }

  /** A valid 居宅サービス計画 file with one item too long, at row 3. */
  function planWithTooLongUnits() {
    const records = defaultRecords('UPPLAN').map((r, i) => (i === 2 ? { ...r, units: '1234567' } : r));
    return buildFile('UPPLAN', { records });
  }

  it("puts the files' 被保険者番号 into the verdict, for the archive's history search", async () => {
    const verdict = await validate(buildBundle('plan'));
    expect(verdict.report.ok).toBe(true);
    expect(verdict.historyKeys).toEqual({
      insuredNumbers: USERS.map((u) => u.insuredNo).sort(),
      truncated: false,
    });
    // What the validator keeps is what the event contract admits.
    expect(MAX_INSURED_NUMBERS).toBe(HISTORY_KEYS_MAX_INSURED_NUMBERS);
  });

  it('stores the report of a file with a NUL in a field: an error shown as ␀', async () => {
    const plan = buildFile('UPPLAN');
    const bytes = Buffer.from(plan.bytes);
    bytes[bytes.indexOf(0x2c) + 1] = 0x00; // first byte of the second item
    const verdict = await validate([{ name: plan.name, bytes }]);
    expect(verdict.report.ok).toBe(false);
    const issue = verdict.report.files[0].issues.find((i) => i.code === 'ENCODING_CONTROL_CHAR');
    expect(issue?.value).toContain('\u2400');
  });

  it('accepts a valid bundle: one validated event with a clean report of each file, and the verdict kept', async () => {
    const files = buildBundle('plan');
    const e = await received(files);
    await validateIn(e);
    const rows = await outbox(e.submissionId);
    expect(rows).toHaveLength(1);
    const [{ topic, key, payload }] = rows;
    expect(topic).toBe(Topics.SubmissionValidated);
    // Keyed by the office pair, so one pair's verdicts stay in order.
    expect(key).toContain(CARE_OFFICE);
    expect(key).toContain(HOME_HELP_OFFICE);
    expect(payload).toMatchObject({ submissionId: e.submissionId, ok: true, files: e.files });
    expect(payload.report.files.map((f) => [f.name, f.errorCount, f.issues])).toEqual(
      files.map((f) => [f.name, 0, []]),
    );
    expect(await stored(e.submissionId)).toEqual([
      { ok: true, error_count: 0, warning_count: 0, verdict_event_id: payload.eventId },
    ]);
  });

  it('rejects a bundle with a bad item: the rejected event names its row and column', async () => {
    const e = await received([planWithTooLongUnits()]);
    await validateIn(e);
    const [{ topic, payload }, ...more] = await outbox(e.submissionId);
    expect(more).toEqual([]);
    expect(topic).toBe(Topics.SubmissionRejected);
    expect(payload.ok).toBe(false);
    expect(payload.report.files[0].issues).toContainEqual(
      expect.objectContaining({ code: 'TOO_LONG', severity: 'error', row: 3, column: 8, value: '1234567' }),
    );
    // The counts kept beside the verdict are the report's.
    expect(await stored(e.submissionId)).toEqual([
      {
        ok: false,
        error_count: payload.report.files[0].errorCount,
        warning_count: 0,
        verdict_event_id: payload.eventId,
      },
    ]);
  });

  it('checks only the CSV files: an attachment is neither read nor reported', async () => {
    const image = { name: 'family.jpg', bytes: fixtureJpeg(), kind: 'attachment' as const };
    const plan = buildFile('UPPLAN');
    const verdict = await validate([plan, image]);
    expect(verdict.report.files.map((f) => f.name)).toEqual([plan.name]);
  });

  it('answers a redelivered or re-driven submission with the verdict given, not a second one', async () => {
    const e = await received([planWithTooLongUnits()]);
    await validateIn(e);
    // Redelivered as it was, then re-driven under a new event id, once its bytes are gone too.
    await validateIn(e);
    await loseBlobs(e);
    await validateIn(Object.assign(new SubmissionReceivedEvent(), { ...e, eventId: randomUUID() }));
    const [first, ...again] = await outbox(e.submissionId);
    expect(again).toEqual([first, first]);
    expect(await stored(e.submissionId)).toHaveLength(1);
  });

  it('gives an id to a verdict stored before ids were kept, and keeps it for every re-publication', async () => {
    const e = await received([buildFile('UPPLAN')]);
    await validateIn(e);
    await ds.query(`UPDATE "validator"."validations" SET verdict_event_id = NULL WHERE submission_id = $1`, [
      e.submissionId,
    ]);
    await validateIn(e);
    await validateIn(e);
    const [original, ...republished] = await outbox(e.submissionId);
    const [{ verdict_event_id: kept }] = await stored(e.submissionId);
    expect(kept).not.toBeNull();
    expect(kept).not.toBe(original.payload.eventId);
    expect(republished.map((r) => r.payload.eventId)).toEqual([kept, kept]);
    expect(republished[0].payload.report).toEqual(original.payload.report);
  });

  it('writes nothing when the bytes cannot be read: the event fails, to be retried', async () => {
    const e = await received([buildFile('UPPLAN')]);
    await loseBlobs(e);
    await expect(validateIn(e)).rejects.toThrow(/missing from storage/);
    expect(await outbox(e.submissionId)).toEqual([]);
    expect(await stored(e.submissionId)).toEqual([]);
  });

  it('gives up on unreadable bytes once: one rejected verdict, VALIDATION_NOT_POSSIBLE on every file', async () => {
    const image = { name: 'family.jpg', bytes: fixtureJpeg(), kind: 'attachment' as const };
    const e = await received([...buildBundle('plan'), image]);
    await loseBlobs(e);
    await expect(validateIn(e)).rejects.toThrow(/missing from storage/);
    // The consumer's give-up hook may run again: a crash after it, or the dead-letter topic re-driven.
    await service.giveUp(e);
    await service.giveUp(e);
    const rows = await outbox(e.submissionId);
    expect(new Set(rows.map((r) => r.payload.eventId)).size).toBe(1);
    for (const { topic, payload } of rows) {
      expect(topic).toBe(Topics.SubmissionRejected);
      expect(payload.ok).toBe(false);
      expect(payload.historyKeys).toBeUndefined();
      expect(payload.report.files.map((f) => f.name)).toEqual(e.files.map((f) => f.name));
      for (const file of payload.report.files)
        expect(file.issues.map((i) => [i.code, i.severity])).toEqual([['VALIDATION_NOT_POSSIBLE', 'error']]);
    }
    expect(await stored(e.submissionId)).toEqual([
      expect.objectContaining({
        ok: false,
        error_count: e.files.length,
        verdict_event_id: rows[0].payload.eventId,
      }),
    ]);
  });

  it('keeps the verdict committed while a give-up waited on it: that verdict goes out again, not a second', async () => {
    const e = await received(buildBundle('plan'));
    let giveUp: Promise<void> | undefined;
    await ds.transaction(async (m) => {
      await service.validate(e, m);
      // Sees no verdict yet (uncommitted), so its insert waits on this transaction's row.
      giveUp = service.giveUp(e);
      await eventually(waitingOnLocks, (n) => n > 0, 10000);
    });
    await giveUp;
    const [first, ...again] = await outbox(e.submissionId);
    expect(first.topic).toBe(Topics.SubmissionValidated);
    expect(again).toEqual([first]);
    expect(await stored(e.submissionId)).toHaveLength(1);
  });

  it('keeps a verdict given before a give-up: the give-up does not overturn it', async () => {
    const e = await received(buildBundle('plan'));
    await validateIn(e);
    await service.giveUp(e);
    const [first, ...again] = await outbox(e.submissionId);
    expect(first.topic).toBe(Topics.SubmissionValidated);
    expect(again).toEqual([first]);
  });

  it('keeps a give-up verdict when the submission comes again, readable or not', async () => {
    const e = await received([buildFile('UPPLAN')]);
    await service.giveUp(e);
    await validateIn(Object.assign(new SubmissionReceivedEvent(), { ...e, eventId: randomUUID() }));
    const [first, ...again] = await outbox(e.submissionId);
    expect(first.topic).toBe(Topics.SubmissionRejected);
    expect(again).toEqual([first]);
  });
});
