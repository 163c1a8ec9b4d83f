import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeliveryDownloadedEvent } from '@careplan/contracts';
import { KafkaService, OutboxRelay } from '@careplan/messaging';
import { BlobStore, migratedDataSource, storageDatabase } from '@careplan/persistence';
import { CARE_OFFICE, HOME_HELP_OFFICE } from '@careplan/spec/testing';
import { createTestDatabase, kafkaBrokers, TestDatabase } from '@careplan/testing';
import { gatewayDatabase } from '../database/gateway.database';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { SubmissionsRepository } from '../submissions/submissions.repository';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';

describe("the receiver's downloads (real PostgreSQL, events read from the outbox)", () => {
  let db: TestDatabase;
  let ds: DataSource;
  let inbox: InboxService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [storageDatabase, gatewayDatabase]);
    // Never started: the events stay in the outbox, where this spec reads what would be published.
    const relay = new OutboxRelay(
      ds,
      new KafkaService({
        brokers: kafkaBrokers(),
        clientId: 'it-inbox',
        topicPrefix: 'it-inbox.',
        groupPrefix: 'it-inbox',
        topics: [],
      }),
      'gateway',
    );
    inbox = new InboxService(
      ds,
      new BlobStore(ds),
      relay,
      new InboxRepository(ds),
      new SubmissionsRepository(ds),
    );
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const receiver = (actor: {
    apiKeyId: string | null;
    staff?: AuthenticatedOffice['staff'];
  }): AuthenticatedOffice => ({
    officeNumber: HOME_HELP_OFFICE,
    name: '訪問介護',
    licenseActive: true,
    apiKeyLabel: '受付PC',
    role: 'member',
    credential: actor.staff ? 'accessToken' : 'apiKey',
    ...actor,
  });

  /** A delivered two-file submission in the receiver's inbox; returns the entry's and the files' ids. */
  async function delivered(): Promise<{ id: string; submissionId: string; fileIds: string[] }> {
    const submissionId = randomUUID();
    await ds.query(
      `INSERT INTO gateway.submissions (id, sender_office_number, receiver_office_number, status, request_hash, pair_seq)
       VALUES ($1, $2, $3, 'delivered', $4, (SELECT COALESCE(MAX(pair_seq), 0) + 1 FROM gateway.submissions))`,
      [submissionId, CARE_OFFICE, HOME_HELP_OFFICE, 'a'.repeat(64)],
    );
    const blobs = new BlobStore(ds);
    const fileIds = [randomUUID(), randomUUID()];
    for (const [position, fileId] of fileIds.entries()) {
      const bytes = Buffer.from(`memo ${position} ${submissionId}`);
      await ds.query(
        `INSERT INTO gateway.submission_files (id, submission_id, position, name, kind, content_type, size, sha256)
         VALUES ($1, $2, $3, $4, 'attachment', 'text/plain', $5, $6)`,
        [fileId, submissionId, position, `memo${position}.txt`, bytes.length, await blobs.put(bytes)],
      );
    }
    const id = randomUUID();
    await new InboxRepository(ds).insertIfAbsent(ds.manager, {
      id,
      submissionId,
      receiverOfficeNumber: HOME_HELP_OFFICE,
      senderOfficeNumber: CARE_OFFICE,
      deliveredAt: new Date(),
    });
    return { id, submissionId, fileIds };
  }

  const downloadsOf = async (deliveryId: string): Promise<DeliveryDownloadedEvent[]> =>
    (
      await ds.query<{ payload: DeliveryDownloadedEvent }[]>(
        `SELECT payload FROM gateway.outbox WHERE topic = $1 AND payload->>'deliveryId' = $2 ORDER BY id`,
        [DeliveryDownloadedEvent.topic, deliveryId],
      )
    ).map((r) => r.payload);

  it('publishes every download with its actor and file, only the first marked first; downloadedAt stays the first', async () => {
    const { id, submissionId, fileIds } = await delivered();
    const keyId = randomUUID();
    const staff = { id: randomUUID(), loginId: 'sato', displayName: '佐藤 一郎' };
    await inbox.zip(receiver({ apiKeyId: keyId }), id);
    const firstAt = (await inbox.get(receiver({ apiKeyId: keyId }), id)).downloadedAt;
    await inbox.download(receiver({ apiKeyId: null, staff }), id, fileIds[1]);
    await inbox.download(receiver({ apiKeyId: keyId }), id, fileIds[0]);

    const events = await downloadsOf(id);
    expect(events.map((e) => [e.actor, e.fileId ?? null, e.first])).toEqual([
      [{ type: 'key', id: keyId, label: '受付PC' }, null, true],
      [{ type: 'staff', id: staff.id, label: 'sato' }, fileIds[1], false],
      [{ type: 'key', id: keyId, label: '受付PC' }, fileIds[0], false],
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
    expect(firstAt).not.toBeNull();
    expect((await inbox.get(receiver({ apiKeyId: keyId }), id)).downloadedAt).toBe(firstAt);
    const [status] = await ds.query<{ status: string; downloaded_at: Date }[]>(
      `SELECT status, downloaded_at FROM gateway.submissions WHERE id = $1`,
      [submissionId],
    );
    expect([status.status, status.downloaded_at.toISOString()]).toEqual(['downloaded', firstAt]);
  });

  it('marks one download first however many race', async () => {
    const { id, fileIds } = await delivered();
    const office = receiver({ apiKeyId: randomUUID() });
    await Promise.all(fileIds.flatMap((f) => [inbox.download(office, id, f), inbox.download(office, id, f)]));
    const events = await downloadsOf(id);
    expect([events.length, events.filter((e) => e.first).length]).toEqual([4, 1]);
  });
});
