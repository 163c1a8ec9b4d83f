import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  DeliveryAcknowledgedEvent,
  DeliveryDownloadedEvent,
  FileRef,
  HistoryKeys,
  SubmissionReceivedEvent,
  SubmissionRejectedEvent,
  SubmissionValidatedEvent,
} from '@careplan/contracts';
import { BlobStore, migratedDataSource, migrateService, storageDatabase } from '@careplan/persistence';
import { decodeMs932 } from '@careplan/spec';
import { BundleFile } from '@careplan/spec';
import { buildBundle, CARE_OFFICE, fixtureFileName, HOME_HELP_OFFICE, USERS } from '@careplan/spec/testing';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { ArchiveEnv } from '../config/archive.env';
import { archiveDatabase } from '../database/archive.database';
import { ArchiveInit1764000000400 } from '../database/migrations/1764000000400-archive-init';
import { ReceiptKeyRepository } from '../receipts/receipt-key.repository';
import { ReceiptKeysService } from '../receipts/receipt-keys.service';
import { ReceiptsService } from '../receipts/receipts.service';
import { HistoryRecordEntity } from './history-record.entity';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';

const PLAN_NAME = 'UPPLAN_202505_1371201367_43_1371500420_11_20250425103000.CSV';

describe('archive history and receipt keys (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const oldSubmission = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase();
    // Rows recorded before the search columns existed, to prove the backfill.
    await migrateService(db.url, { ...archiveDatabase, migrations: [ArchiveInit1764000000400] });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const insert = `INSERT INTO "archive"."history" ("office_number", "event", "role", "counterpart_office_number",
      "submission_id", "files", "occurred_at", "event_id") VALUES ($1, $2, 'sender', $3, $4, $5, now(), $6)`;
    const files = JSON.stringify([{ name: PLAN_NAME, kind: 'csv', size: 1, sha256: 'a'.repeat(64) }]);
    await client.query(insert, [CARE_OFFICE, 'sent', HOME_HELP_OFFICE, oldSubmission, files, randomUUID()]);
    await client.query(insert, [
      CARE_OFFICE,
      'validated',
      HOME_HELP_OFFICE,
      oldSubmission,
      '[]',
      randomUUID(),
    ]);
    await client.end();
    ds = await migratedDataSource(db.url, [archiveDatabase, storageDatabase]);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('backfills the file types of existing rows, also of rows without files', async () => {
    const rows = await ds.manager.find(HistoryRecordEntity, { where: { submissionId: oldSubmission } });
    expect(rows.map((r) => [r.event, r.fileTypes])).toEqual(
      expect.arrayContaining([
        ['sent', ['UPPLAN']],
        ['validated', ['UPPLAN']],
      ]),
    );
  });

  const parties = () => ({
    submissionId: randomUUID(),
    senderOfficeNumber: CARE_OFFICE,
    receiverOfficeNumber: HOME_HELP_OFFICE,
  });
  const stored = (blobs: BlobStore, bundle: BundleFile[]): Promise<FileRef[]> =>
    Promise.all(
      bundle.map(async (f) => ({
        fileId: randomUUID(),
        name: f.name,
        kind: 'csv' as const,
        contentType: 'text/csv',
        size: f.bytes.length,
        sha256: await blobs.put(Buffer.from(f.bytes)),
      })),
    );
  const verdict = (
    eventClass: typeof SubmissionValidatedEvent | typeof SubmissionRejectedEvent,
    p: ReturnType<typeof parties>,
    files: FileRef[],
    historyKeys?: HistoryKeys,
  ) =>
    Object.assign(new eventClass(), {
      ...p,
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      files,
      ok: eventClass === SubmissionValidatedEvent,
      report: { ok: true, files: [] },
      historyKeys,
    });
  const rowsOf = (submissionId: string) => ds.manager.find(HistoryRecordEntity, { where: { submissionId } });

  it("takes 被保険者番号 from the validator's verdict and shares them with steps recorded before it", async () => {
    const blobs = new BlobStore(ds);
    const history = new HistoryService(new HistoryRepository(ds), blobs);
    const p = parties();
    const files = await stored(blobs, buildBundle('plan'));
    const downloaded = Object.assign(new DeliveryDownloadedEvent(), {
      ...p,
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      deliveryId: randomUUID(),
    });
    const sent = Object.assign(new SubmissionReceivedEvent(), {
      ...p,
      eventId: randomUUID(),
      occurredAt: new Date(Date.now() - 1000).toISOString(),
      files,
    });
    // Different topics give no order between them: the download may be recorded before the send.
    await ds.transaction((m) => history.record(downloaded, m));
    await ds.transaction((m) => history.record(sent, m));
    const insured = USERS.map((u) => u.insuredNo).sort();
    const keys = Object.assign(new HistoryKeys(), { insuredNumbers: insured, truncated: false });
    await ds.transaction((m) => history.record(verdict(SubmissionValidatedEvent, p, files, keys), m));

    const rows = await rowsOf(p.submissionId);
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect({ insured: r.insuredNumbers, types: r.fileTypes }).toEqual({
        insured,
        types: ['UPHOSOKU', 'UPPLAN', 'UPSIKYU'],
      });
    }

    const receiverView = await history.list(HOME_HELP_OFFICE, { insuredNo: USERS[2].insuredNo });
    expect(receiverView.items.map((i) => i.event)).toEqual(['downloaded']);
    const senderSends = await history.list(CARE_OFFICE, { event: 'sent', fileType: 'UPSIKYU' });
    expect(senderSends.items.map((i) => i.submissionId)).toEqual([p.submissionId]);

    const csv = await history.export(CARE_OFFICE, { encoding: 'ms932', insuredNo: USERS[0].insuredNo });
    expect(csv.contentType).toContain('Windows-31J');
    const lines = decodeMs932(csv.bytes).trim().split('\r\n');
    expect(lines).toHaveLength(4); // header, sent, validated, downloaded
    expect(lines[1]).toContain(p.submissionId);
  });

  it('records a batch of events in one go exactly as one by one, and a replayed batch adds nothing', async () => {
    const blobs = new BlobStore(ds);
    const history = new HistoryService(new HistoryRepository(ds), blobs);
    const files = await stored(blobs, buildBundle('plan'));
    const insured = USERS.map((u) => u.insuredNo).sort();
    const keys = Object.assign(new HistoryKeys(), { insuredNumbers: insured, truncated: false });
    const batch = (parts: ReturnType<typeof parties>[]) =>
      parts.map((p) => verdict(SubmissionValidatedEvent, p, files, keys));
    const sent = (p: ReturnType<typeof parties>) =>
      Object.assign(new SubmissionReceivedEvent(), {
        ...p,
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        files,
      });
    const [one, other] = [parties(), parties()];
    await ds.transaction((m) => history.recordAll([sent(one), sent(other)], m));
    const verdicts = batch([one, other]);
    await ds.transaction((m) => history.recordAll(verdicts, m));
    await ds.transaction((m) => history.recordAll(verdicts, m));

    for (const p of [one, other]) {
      const rows = await rowsOf(p.submissionId);
      expect(rows.map((r) => r.event).sort()).toEqual(['sent', 'validated']);
      for (const r of rows) expect(r.insuredNumbers).toEqual(insured);
      expect(rows.find((r) => r.event === 'validated')?.details).toEqual({ report: { ok: true, files: [] } });
      expect(rows.find((r) => r.event === 'sent')?.deliveryId).toBeNull();
    }
  });

  it('reads 被保険者番号 from the stored bytes, within bounds, when the verdict has none', async () => {
    const blobs = new BlobStore(ds);
    const history = new HistoryService(new HistoryRepository(ds), blobs);
    const p = parties();
    const files = await stored(blobs, buildBundle('plan'));
    await ds.transaction((m) => history.record(verdict(SubmissionValidatedEvent, p, files), m));
    expect((await rowsOf(p.submissionId))[0].insuredNumbers).toEqual(USERS.map((u) => u.insuredNo).sort());

    // 10 MB of "1\n": the archive once parsed it whole (4.3 GB) and crash-looped on it.
    const huge = { name: fixtureFileName('UPPLAN'), bytes: Buffer.from('1\n'.repeat(5_000_000)) };
    const q = parties();
    const hugeFiles = await stored(blobs, [huge]);
    const sent = Object.assign(new SubmissionReceivedEvent(), {
      ...q,
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      files: hugeFiles,
    });
    const heap = process.memoryUsage().heapUsed;
    await ds.transaction((m) => history.record(sent, m));
    await ds.transaction((m) => history.record(verdict(SubmissionRejectedEvent, q, hugeFiles), m));
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(200 * 1024 * 1024);
    expect((await rowsOf(q.submissionId)).map((r) => [r.event, r.insuredNumbers])).toEqual(
      expect.arrayContaining([
        ['sent', []],
        ['rejected', []],
      ]),
    );
  });

  it('keeps who sent, downloaded and acknowledged: in the list, the CSV and the signed receipt', async () => {
    const blobs = new BlobStore(ds);
    const history = new HistoryService(new HistoryRepository(ds), blobs);
    const p = parties();
    const files = await stored(blobs, buildBundle('plan'));
    const sender = { type: 'staff' as const, id: randomUUID(), label: 'yamada' };
    const reader = { type: 'key' as const, id: randomUUID(), label: '受付PC' };
    const step = <T extends object>(e: T, at: number, extra: object) =>
      Object.assign(e, {
        ...p,
        eventId: randomUUID(),
        occurredAt: new Date(Date.now() + at).toISOString(),
        ...extra,
      });
    const deliveryId = randomUUID();
    await ds.transaction(async (m) => {
      await history.record(step(new SubmissionReceivedEvent(), 0, { files, actor: sender }), m);
      await history.record(step(new DeliveryDownloadedEvent(), 10, { deliveryId, actor: reader }), m);
      await history.record(step(new DeliveryAcknowledgedEvent(), 20, { deliveryId, actor: reader }), m);
    });

    const mine = await history.list(CARE_OFFICE, { event: 'sent,downloaded' });
    const own = mine.items.filter((i) => i.submissionId === p.submissionId);
    expect(own.map((i) => [i.event, i.actor])).toEqual([
      ['downloaded', null], // the receiver's staff and keys are its own business
      ['sent', sender],
    ]);
    const theirs = await history.list(HOME_HELP_OFFICE, { event: 'downloaded,acknowledged' });
    expect(
      theirs.items.filter((i) => i.submissionId === p.submissionId).map((i) => [i.event, i.actor]),
    ).toEqual([
      ['acknowledged', reader],
      ['downloaded', reader],
    ]);
    const csv = (await history.export(HOME_HELP_OFFICE, { event: 'acknowledged' })).bytes.toString('utf8');
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header.endsWith(',操作者,操作者ID,ファイルID')).toBe(true);
    expect(row.endsWith(`,key:受付PC,${reader.id},`)).toBe(true);

    const env = Object.assign(new ArchiveEnv(), { RECEIPT_SIGNING_KEY: '' });
    const receipts = new ReceiptsService(
      new HistoryRepository(ds),
      new ReceiptKeysService(env, new ReceiptKeyRepository(ds)),
    );
    const signed = await receipts.issue(HOME_HELP_OFFICE, p.submissionId);
    expect(signed.receipt.sender).toEqual({ officeNumber: CARE_OFFICE, actor: sender });
    expect(signed.receipt.receiver).toEqual({ officeNumber: HOME_HELP_OFFICE });
    expect(
      await receipts.verify({ receipt: { ...signed.receipt }, signature: signed.signature }),
    ).toMatchObject({ valid: true });
    const forged = {
      ...signed.receipt,
      sender: { officeNumber: CARE_OFFICE, actor: { ...sender, label: 'x' } },
    };
    expect(await receipts.verify({ receipt: forged, signature: signed.signature })).toMatchObject({
      valid: false,
    });
    // A submission whose events named no one (sent before actors): its receipt has no actor at all, and verifies.
    const old = parties();
    await ds.transaction((m) =>
      history.record(
        Object.assign(new SubmissionReceivedEvent(), {
          ...old,
          eventId: randomUUID(),
          occurredAt: new Date().toISOString(),
          files,
        }),
        m,
      ),
    );
    const plain = await receipts.issue(CARE_OFFICE, old.submissionId);
    expect(plain.receipt.sender).toEqual({ officeNumber: CARE_OFFICE });
    expect(
      await receipts.verify({ receipt: { ...plain.receipt }, signature: plain.signature }),
    ).toMatchObject({ valid: true });
  });

  it('records every download with who and which file for the receiver, the first only for the sender, each once', async () => {
    const blobs = new BlobStore(ds);
    const history = new HistoryService(new HistoryRepository(ds), blobs);
    const p = parties();
    const files = await stored(blobs, buildBundle('plan'));
    const key = { type: 'key' as const, id: randomUUID(), label: '受付PC' };
    const staff = { type: 'staff' as const, id: randomUUID(), label: 'sato' };
    const deliveryId = randomUUID();
    const t0 = Date.now();
    const download = (at: number, extra: object) =>
      Object.assign(new DeliveryDownloadedEvent(), {
        ...p,
        eventId: randomUUID(),
        occurredAt: new Date(t0 + at).toISOString(),
        deliveryId,
        ...extra,
      });
    const first = download(10, { actor: key, first: true });
    const again = download(20, { actor: staff, fileId: files[0].fileId, first: false });
    await ds.transaction(async (m) => {
      await history.record(
        Object.assign(new SubmissionReceivedEvent(), {
          ...p,
          eventId: randomUUID(),
          occurredAt: new Date(t0).toISOString(),
          files,
        }),
        m,
      );
      await history.record(first, m);
      await history.record(again, m);
    });
    // Kafka delivers at least once: the same events again add no row.
    await ds.transaction(async (m) => {
      await history.record(again, m);
      await history.record(first, m);
    });

    const theirs = await history.list(HOME_HELP_OFFICE, { event: 'downloaded' });
    expect(
      theirs.items.filter((i) => i.submissionId === p.submissionId).map((i) => [i.actor, i.fileId]),
    ).toEqual([
      [staff, files[0].fileId],
      [key, null],
    ]);
    const mine = await history.list(CARE_OFFICE, { event: 'downloaded' });
    expect(
      mine.items.filter((i) => i.submissionId === p.submissionId).map((i) => [i.actor, i.occurredAt]),
    ).toEqual([[null, first.occurredAt]]);
    const csv = (await history.export(HOME_HELP_OFFICE, { event: 'downloaded' })).bytes.toString('utf8');
    const rows = csv.split('\r\n').filter((l) => l.includes(p.submissionId));
    expect(rows).toHaveLength(2);
    expect(rows[0].endsWith(`,staff:sato,${staff.id},${files[0].fileId}`)).toBe(true);
    expect(rows[1].endsWith(`,key:受付PC,${key.id},`)).toBe(true);

    // The proof of exchange keeps the first download's time.
    const env = Object.assign(new ArchiveEnv(), { RECEIPT_SIGNING_KEY: '' });
    const receipts = new ReceiptsService(
      new HistoryRepository(ds),
      new ReceiptKeysService(env, new ReceiptKeyRepository(ds)),
    );
    const signed = await receipts.issue(HOME_HELP_OFFICE, p.submissionId);
    expect([signed.receipt.steps.downloadedAt, signed.receipt.status]).toEqual([
      first.occurredAt,
      'downloaded',
    ]);
  });

  it('generates one signing key for all instances, keeps it, and still knows it when a key is configured', async () => {
    const env = Object.assign(new ArchiveEnv(), { RECEIPT_SIGNING_KEY: '' });
    const [a, b] = await Promise.all([
      new ReceiptKeysService(env, new ReceiptKeyRepository(ds)).signingKey(),
      new ReceiptKeysService(env, new ReceiptKeyRepository(ds)).signingKey(),
    ]);
    expect(b.keyId).toBe(a.keyId);
    expect((await new ReceiptKeysService(env, new ReceiptKeyRepository(ds)).signingKey()).keyId).toBe(
      a.keyId,
    );
    expect(await ds.query('SELECT count(*)::int AS n FROM "archive"."receipt_keys"')).toEqual([{ n: 1 }]);

    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const configured = new ReceiptKeysService(
      Object.assign(new ArchiveEnv(), { RECEIPT_SIGNING_KEY: pem }),
      new ReceiptKeyRepository(ds),
    );
    const key = await configured.signingKey();
    expect(key.keyId).not.toBe(a.keyId);
    expect(await configured.publicKey(a.keyId)).not.toBeNull();
    expect(await configured.publicKey('0000000000000000')).toBeNull();
  });
});
