import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  DeliveryDeliveredEvent,
  pairKey,
  SubmissionRejectedEvent,
  SubmissionValidatedEvent,
} from '@careplan/contracts';
import { KafkaService, OutboxRelay } from '@careplan/messaging';
import { BlobStore, migratedDataSource, storageDatabase } from '@careplan/persistence';
import { MetricsService } from '@careplan/platform';
import { CARE_OFFICE, HOME_HELP_OFFICE } from '@careplan/spec/testing';
import { createTestDatabase, eventually, kafkaBrokers, TestDatabase } from '@careplan/testing';
import { gatewayDatabase } from '../database/gateway.database';
import { InboxRepository } from '../inbox/inbox.repository';
import { InboxService } from '../inbox/inbox.service';
import { SubmissionsRepository } from '../submissions/submissions.repository';
import { GatewayEventsConsumer } from './gateway-events.consumer';

describe('the gateway consumer on the real Kafka and PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let kafka: KafkaService;
  let consumer: GatewayEventsConsumer;
  const run = randomBytes(4).toString('hex');

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [storageDatabase, gatewayDatabase]);
    kafka = new KafkaService({
      brokers: kafkaBrokers(),
      clientId: 'it-gateway-events',
      topicPrefix: `it${run}.`,
      groupPrefix: `it${run}`,
      topics: [SubmissionValidatedEvent.topic, SubmissionRejectedEvent.topic, DeliveryDeliveredEvent.topic],
      partitions: 1,
    });
    await kafka.onModuleInit();
    const submissions = new SubmissionsRepository(ds);
    const inbox = new InboxService(
      ds,
      new BlobStore(ds),
      new OutboxRelay(ds, kafka, 'gateway'),
      new InboxRepository(ds),
      submissions,
    );
    consumer = new GatewayEventsConsumer(kafka, ds, new MetricsService('it'), inbox, submissions);
    await consumer.onApplicationBootstrap();
  });

  afterAll(async () => {
    await consumer.onApplicationShutdown();
    await kafka.onApplicationShutdown();
    await ds.destroy();
    await db.drop();
  });

  async function submission(): Promise<string> {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO gateway.submissions (id, sender_office_number, receiver_office_number, status, request_hash, pair_seq)
       VALUES ($1, $2, $3, 'validated', $4, (SELECT COALESCE(MAX(pair_seq), 0) + 1 FROM gateway.submissions))`,
      [id, CARE_OFFICE, HOME_HELP_OFFICE, 'a'.repeat(64)],
    );
    return id;
  }

  const delivered = (submissionId: string, deliveryId: string, at: string): DeliveryDeliveredEvent =>
    Object.assign(new DeliveryDeliveredEvent(), {
      eventId: randomUUID(),
      occurredAt: at,
      submissionId,
      deliveryId,
      senderOfficeNumber: CARE_OFFICE,
      receiverOfficeNumber: HOME_HELP_OFFICE,
      files: [
        {
          fileId: randomUUID(),
          name: 'memo.txt',
          kind: 'attachment',
          contentType: 'text/plain',
          size: 1,
          sha256: 'b'.repeat(64),
        },
      ],
    });

  const send = (events: DeliveryDeliveredEvent[]) =>
    kafka.send(
      DeliveryDeliveredEvent.topic,
      events.map((e) => ({ key: pairKey(CARE_OFFICE, HOME_HELP_OFFICE), value: JSON.stringify(e) })),
    );

  it('turns one delivered event consumed twice, and a re-sent delivery, into one inbox entry', async () => {
    const first = await submission();
    const deliveryId = randomUUID();
    const event = delivered(first, deliveryId, '2025-05-01T10:00:00.000Z');
    // The same message twice (a relay re-send after a crash), then the router re-delivering it under a
    // new event id, then a sentinel on the same partition: once it lands, everything before it was handled.
    const resent = { ...delivered(first, deliveryId, '2025-05-01T10:05:00.000Z') };
    const sentinelSubmission = await submission();
    await send([
      event,
      event,
      resent,
      delivered(sentinelSubmission, randomUUID(), '2025-05-01T10:06:00.000Z'),
    ]);

    await eventually(
      () =>
        ds.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM gateway.inbox_entries WHERE submission_id = $1`,
          [sentinelSubmission],
        ),
      (rows) => rows[0].n === '1',
    );
    const entries = await ds.query<{ id: string; delivered_at: Date }[]>(
      `SELECT id, delivered_at FROM gateway.inbox_entries WHERE submission_id = $1`,
      [first],
    );
    expect(entries).toHaveLength(1);
    expect(entries[0].id).toBe(deliveryId);
    expect(entries[0].delivered_at.toISOString()).toBe('2025-05-01T10:00:00.000Z');
    const [status] = await ds.query<{ status: string; delivered_at: Date }[]>(
      `SELECT status, delivered_at FROM gateway.submissions WHERE id = $1`,
      [first],
    );
    expect(status.status).toBe('delivered');
    expect(status.delivered_at.toISOString()).toBe('2025-05-01T10:00:00.000Z');
    const ledger = await ds.query<{ event_id: string }[]>(
      `SELECT event_id FROM gateway.processed_events WHERE consumer = 'gateway' AND event_id = $1`,
      [event.eventId],
    );
    // Its effects are idempotent by themselves: no processed-event row is kept.
    expect(ledger).toHaveLength(0);
  });

  it('advances a batch of verdicts together: each its status, first time and report, a repeat changing nothing', async () => {
    // Submissions accepted, not yet validated (the helper above makes them validated).
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await submission());
    await ds.query(`UPDATE gateway.submissions SET status = 'accepted' WHERE id = ANY($1::uuid[])`, [ids]);
    const verdict = (
      cls: typeof SubmissionValidatedEvent | typeof SubmissionRejectedEvent,
      id: string,
      at: string,
      ok: boolean,
    ) =>
      Object.assign(new cls(), {
        eventId: randomUUID(),
        occurredAt: at,
        submissionId: id,
        senderOfficeNumber: CARE_OFFICE,
        receiverOfficeNumber: HOME_HELP_OFFICE,
        files: delivered(id, randomUUID(), at).files,
        ok,
        report: { ok, files: [] },
      });
    const validated = ids
      .slice(0, 4)
      .map((id, i) => verdict(SubmissionValidatedEvent, id, `2025-06-01T10:0${i}:00.000Z`, true));
    // The first one again, later: a re-published verdict keeps the first time.
    const again = verdict(SubmissionValidatedEvent, ids[0], '2025-06-01T11:00:00.000Z', true);
    await kafka.send(
      SubmissionValidatedEvent.topic,
      [...validated, again].map((e) => ({ key: 'k', value: JSON.stringify(e) })),
    );
    const rejected = ids
      .slice(4)
      .map((id) => verdict(SubmissionRejectedEvent, id, '2025-06-01T10:30:00.000Z', false));
    await kafka.send(
      SubmissionRejectedEvent.topic,
      rejected.map((e) => ({ key: 'k', value: JSON.stringify(e) })),
    );
    const rows = () =>
      ds.query<
        { id: string; status: string; validated_at: Date | null; rejected_at: Date | null; report: unknown }[]
      >(
        `SELECT id, status, validated_at, rejected_at, report FROM gateway.submissions WHERE id = ANY($1::uuid[])`,
        [ids],
      );
    const settled = await eventually(rows, (rs) => rs.every((r) => r.status !== 'accepted'));
    const byId = new Map(settled.map((r) => [r.id, r]));
    ids.slice(0, 4).forEach((id, i) => {
      expect(byId.get(id)).toMatchObject({ status: 'validated', report: { ok: true, files: [] } });
      expect(byId.get(id)?.validated_at?.toISOString()).toBe(`2025-06-01T10:0${i}:00.000Z`);
    });
    for (const id of ids.slice(4)) {
      expect(byId.get(id)).toMatchObject({ status: 'rejected', report: { ok: false, files: [] } });
      expect(byId.get(id)?.rejected_at?.toISOString()).toBe('2025-06-01T10:30:00.000Z');
    }
  });
});
