import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource, storageDatabase } from '@careplan/persistence';
import { CARE_OFFICE, HOME_HELP_OFFICE, withOfficeCheckDigit } from '@careplan/spec/testing';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { gatewayDatabase } from '../database/gateway.database';
import { InboxEntryEntity } from './inbox-entry.entity';
import { InboxRepository, ReceiverFilter } from './inbox.repository';

describe('the inbox entries (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let entries: InboxRepository;
  let serial = 0;
  const receiver = () => withOfficeCheckDigit(`14${String(3_000_000 + serial++).padStart(7, '0')}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [storageDatabase, gatewayDatabase]);
    entries = new InboxRepository(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** A delivered submission to `to`, from `from`, delivered at `at`; returns the entry's id. */
  async function deliver(to: string, at: string, from = CARE_OFFICE): Promise<string> {
    const submissionId = randomUUID();
    await ds.query(
      `INSERT INTO gateway.submissions (id, sender_office_number, receiver_office_number, status, request_hash, pair_seq)
       VALUES ($1, $2, $3, 'delivered', $4, (SELECT COALESCE(MAX(pair_seq), 0) + 1 FROM gateway.submissions))`,
      [submissionId, from, to, 'a'.repeat(64)],
    );
    const id = randomUUID();
    await entries.insertIfAbsent(ds.manager, {
      id,
      submissionId,
      receiverOfficeNumber: to,
      senderOfficeNumber: from,
      deliveredAt: new Date(at),
    });
    return id;
  }

  const ids = (rows: InboxEntryEntity[]) => rows.map((r) => r.id);
  const page = (f: ReceiverFilter, cursor?: string, limit = 10) =>
    entries.pageForReceiver(f, cursor, limit, ids);

  it('adds a delivery once, however often its event comes', async () => {
    const to = receiver();
    const id = await deliver(to, '2026-01-01T00:00:00Z');
    const entry = await entries.findForReceiver(to, id);
    await entries.insertIfAbsent(ds.manager, { ...entry!, deliveredAt: new Date('2026-02-01T00:00:00Z') });
    expect((await page({ receiver: to })).items).toEqual([id]);
    expect((await entries.findForReceiver(to, id))?.deliveredAt.toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
  });

  it("finds only the receiver's own entries", async () => {
    const to = receiver();
    const id = await deliver(to, '2026-01-01T00:00:00Z');
    expect(await entries.findForReceiver(receiver(), id)).toBeNull();
    expect((await page({ receiver: receiver() })).items).toEqual([]);
  });

  it('pages newest first, narrowed by date, sender and state', async () => {
    const to = receiver();
    const older = await deliver(to, '2026-01-01T00:00:00Z');
    const middle = await deliver(to, '2026-01-02T00:00:00Z', HOME_HELP_OFFICE);
    const newer = await deliver(to, '2026-01-03T00:00:00Z');
    const first = await page({ receiver: to }, undefined, 2);
    expect(first.items).toEqual([newer, middle]);
    expect((await page({ receiver: to }, first.nextCursor ?? undefined, 2)).items).toEqual([older]);
    expect((await page({ receiver: to, since: new Date('2026-01-02T00:00:00Z') })).items).toEqual([
      newer,
      middle,
    ]);
    expect((await page({ receiver: to, from: HOME_HELP_OFFICE })).items).toEqual([middle]);

    expect(await entries.markStepOnce(ds.manager, middle, 'downloaded', new Date())).toBe(true);
    expect(await entries.markStepOnce(ds.manager, older, 'acknowledged', new Date())).toBe(true);
    expect((await page({ receiver: to, state: 'new' })).items).toEqual([newer]);
    expect((await page({ receiver: to, state: 'downloaded' })).items).toEqual([middle]);
    expect((await page({ receiver: to, state: 'acknowledged' })).items).toEqual([older]);
  });

  it('sets a receipt step once: only the first call is told it set it', async () => {
    const to = receiver();
    const id = await deliver(to, '2026-01-01T00:00:00Z');
    const at = new Date('2026-01-05T00:00:00Z');
    expect(await entries.markStepOnce(ds.manager, id, 'downloaded', at)).toBe(true);
    expect(await entries.markStepOnce(ds.manager, id, 'downloaded', new Date())).toBe(false);
    expect((await entries.findForReceiver(to, id))?.downloadedAt?.toISOString()).toBe(at.toISOString());
    expect((await entries.findForReceiver(to, id))?.acknowledgedAt).toBeNull();
  });
});
