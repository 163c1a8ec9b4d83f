import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource } from '@careplan/persistence';
import { SubmissionValidatedEvent } from '@careplan/contracts';
import { KafkaService, OutboxRelay } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { CARE_OFFICE, HOME_HELP_OFFICE } from '@careplan/spec/testing';
import { createTestDatabase, eventually, kafkaBrokers, TestDatabase } from '@careplan/testing';
import { routerDatabase } from '../database/router.database';
import { DeliveriesConsumer } from './deliveries.consumer';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveriesService } from './deliveries.service';

describe('the delivery consumer on the real Kafka and PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let kafka: KafkaService;
  let consumer: DeliveriesConsumer;
  const run = randomBytes(4).toString('hex');

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [routerDatabase]);
    kafka = new KafkaService({
      brokers: kafkaBrokers(),
      clientId: 'it-deliveries',
      topicPrefix: `it${run}.`,
      groupPrefix: `it${run}`,
      topics: [SubmissionValidatedEvent.topic],
      partitions: 1,
    });
    await kafka.onModuleInit();
    const metrics = new MetricsService('it');
    // The relay is never started: delivered events stay in the outbox, where they are checked.
    const relay = new OutboxRelay(ds, kafka, 'router');
    consumer = new DeliveriesConsumer(
      kafka,
      ds,
      metrics,
      relay,
      new DeliveriesService(metrics, new DeliveriesRepository()),
    );
    await consumer.onApplicationBootstrap();
  });

  afterAll(async () => {
    await consumer.onApplicationShutdown();
    await kafka.onApplicationShutdown();
    await ds.destroy();
    await db.drop();
  });

  const validated = (): SubmissionValidatedEvent =>
    Object.assign(new SubmissionValidatedEvent(), {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      submissionId: randomUUID(),
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
      ok: true,
      report: { ok: true, files: [] },
    });

  const send = (e: SubmissionValidatedEvent) =>
    kafka.send(SubmissionValidatedEvent.topic, [{ key: e.submissionId, value: JSON.stringify(e) }]);

  /** The delivered events in the outbox for one submission, oldest first. */
  const deliveredEvents =
    (submissionId: string) => async (): Promise<{ topic: string; payload: unknown }[]> =>
      ds.query(`SELECT topic, payload FROM router.outbox WHERE payload->>'submissionId' = $1 ORDER BY id`, [
        submissionId,
      ]);

  it('answers a re-driven verdict with its stored delivery, same event id, without delivering twice', async () => {
    const e = validated();
    await send(e);
    const [first] = await eventually(deliveredEvents(e.submissionId), (d) => d.length >= 1, 20000);
    // Re-driven with its original id (a duplicate), then as a verdict given before ids were kept.
    await send(e);
    await eventually(deliveredEvents(e.submissionId), (d) => d.length >= 2, 20000);
    await send({ ...e, eventId: randomUUID() });
    const all = await eventually(deliveredEvents(e.submissionId), (d) => d.length >= 3, 20000);
    expect(all).toEqual([first, first, first]);
    const [{ n }] = await ds.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM router.deliveries WHERE submission_id = $1`,
      [e.submissionId],
    );
    expect(Number(n)).toBe(1);
  });
});
