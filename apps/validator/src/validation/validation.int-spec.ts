import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HISTORY_KEYS_MAX_INSURED_NUMBERS, SubmissionReceivedEvent } from '@careplan/contracts';
import { BlobStore, storageDatabase } from '@careplan/persistence';
import { MetricsService } from '@careplan/platform';
import { MAX_INSURED_NUMBERS } from '@careplan/spec';
import { buildBundle, buildFile, CARE_OFFICE, HOME_HELP_OFFICE, USERS } from '@careplan/spec/testing';
import { createTestDatabase, migratedDataSource, TestDatabase } from '@careplan/testing';
import { validatorDatabase } from '../database/validator.database';
import { ValidationService } from './validation.service';

interface Verdict {
  report: { ok: boolean; files: { issues: { code: string; value: string | null }[] }[] };
  historyKeys?: { insuredNumbers: string[]; truncated: boolean };
}

describe('validation (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let blobs: BlobStore;
  let service: ValidationService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [validatorDatabase, storageDatabase]);
    blobs = new BlobStore(ds);
    service = new ValidationService(ds, blobs, new MetricsService('validator-test'));
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function validate(files: { name: string; bytes: Uint8Array }[]): Promise<Verdict> {
    const e = Object.assign(new SubmissionReceivedEvent(), {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      submissionId: randomUUID(),
      senderOfficeNumber: CARE_OFFICE,
      receiverOfficeNumber: HOME_HELP_OFFICE,
      files: await Promise.all(
        files.map(async (f) => ({
          fileId: randomUUID(),
          name: f.name,
          kind: 'csv' as const,
          contentType: 'text/csv',
          size: f.bytes.length,
          sha256: await blobs.put(Buffer.from(f.bytes)),
        })),
      ),
    });
    await ds.transaction((m) => service.validate(e, m));
    const [row] = await ds.query<{ payload: Verdict }[]>(
      `SELECT payload FROM "validator"."outbox" WHERE payload->>'submissionId' = $1`,
      [e.submissionId],
    );
    return row.payload;
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
});
