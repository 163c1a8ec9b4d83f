import { randomBytes, randomUUID } from 'node:crypto';
import { Consumer, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  ALL_TOPICS,
  DeliveryAcknowledgedEvent,
  dlqTopicOf,
  SubmissionReceivedEvent,
  Topics,
} from '@careplan/contracts';
import { migratedDataSource } from '@careplan/persistence';
import { EventConsumer, KafkaService, PermanentError } from '@careplan/messaging';
import { AppException, MetricsService } from '@careplan/platform';
import {
  consumerCaughtUp,
  createTestDatabase,
  eventually,
  kafkaBrokers,
  TestDatabase,
} from '@careplan/testing';
import { archiveDatabase } from '../database/archive.database';
import type { OperatorContext } from '../operators/operator-scope';
import { KafkaDlqRepository } from './kafka-dlq.repository';
import { KafkaDlqService } from './kafka-dlq.service';

const central: OperatorContext = { id: randomUUID(), name: '中央 管理者', role: 'central', prefecture: null };

/** The code of the problem a call is refused with. */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    if (e instanceof AppException) return `${e.status} ${e.code}`;
    throw e;
  }
  throw new Error('not refused');
}

describe('Kafka dead letters: list and replay (real Kafka and PostgreSQL)', () => {
  const run = randomBytes(4).toString('hex');
  let db: TestDatabase;
  let ds: DataSource;
  let kafka: KafkaService;
  let service: KafkaDlqService;
  const closers: (() => Promise<void>)[] = [];
  /** The acknowledgement the first test dead-letters. */
  let ackDeadId = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [archiveDatabase]);
    kafka = new KafkaService({
      brokers: kafkaBrokers(),
      clientId: 'it-kafka-dlq',
      topicPrefix: `it${run}.`,
      groupPrefix: `it${run}`,
      topics: ALL_TOPICS,
      partitions: 2,
    });
    await kafka.onModuleInit();
    service = new KafkaDlqService(kafka, ds, new KafkaDlqRepository(ds));
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await kafka?.onApplicationShutdown();
    await ds?.destroy();
    await db?.drop();
  });

  /** Everything that arrives on a topic from its beginning. */
  async function collect(
    topic: string,
    groupId = `it${run}.collect.${randomUUID()}`,
  ): Promise<KafkaMessage[]> {
    const seen: KafkaMessage[] = [];
    const consumer: Consumer = kafka.kafka.consumer({ groupId });
    closers.push(() => consumer.disconnect());
    await consumer.connect();
    await consumer.subscribe({ topic: kafka.topic(topic), fromBeginning: true });
    await consumer.run({ eachMessage: ({ message }) => Promise.resolve(void seen.push(message)) });
    return seen;
  }

  /** A consumer of acknowledgements that fails for good while `failing` is set, as after a bug or an outage. */
  function ackConsumer(applied: string[], state: { failing: boolean }): EventConsumer {
    const consumer = new EventConsumer(kafka, ds, new MetricsService('it'), {
      name: `it-dlq-acks-${run}`,
      schema: 'archive',
      maxAttempts: 1,
      handlers: [
        {
          event: DeliveryAcknowledgedEvent,
          handle: (e: DeliveryAcknowledgedEvent) => {
            if (state.failing) return Promise.reject(new PermanentError('receipt table missing'));
            applied.push(e.eventId);
            return Promise.resolve();
          },
        },
      ],
    });
    closers.push(() => consumer.stop());
    return consumer;
  }

  const ack = (): DeliveryAcknowledgedEvent =>
    Object.assign(new DeliveryAcknowledgedEvent(), {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      deliveryId: randomUUID(),
      submissionId: randomUUID(),
      senderOfficeNumber: '1371201367',
      receiverOfficeNumber: '1371500420',
    });

  it('lists what a consumer dead-lettered, replays it once onto its topic, and refuses a second replay', async () => {
    const applied: string[] = [];
    const state = { failing: true };
    const consumer = ackConsumer(applied, state);
    const onTopic = await collect(Topics.DeliveryAcknowledged);
    const event = ack();
    await kafka.send(Topics.DeliveryAcknowledged, [{ key: 'pair', value: JSON.stringify(event) }]);
    await consumer.start();

    const listed = await eventually(
      () => service.browse({ topic: Topics.DeliveryAcknowledged }),
      (p) => p.items.length === 1,
    );
    const [dead] = listed.items;
    expect(dead).toMatchObject({
      topic: dlqTopicOf(Topics.DeliveryAcknowledged),
      originalTopic: Topics.DeliveryAcknowledged,
      key: 'pair',
      eventId: event.eventId,
      eventType: 'delivery.acknowledged',
      submissionId: event.submissionId,
      consumer: `it-dlq-acks-${run}`,
      attempts: 1,
      replayedAt: null,
    });
    expect(dead.error).toContain('receipt table missing');
    expect(dead.id).toBe(`${dead.topic}:${dead.partition}:${dead.offset}`);
    ackDeadId = dead.id;
    expect(Date.parse(dead.failedAt ?? '')).not.toBeNaN();
    expect(applied).toEqual([]);

    // The cause is fixed: the replay is applied once.
    state.failing = false;
    expect(await service.replay(central, { ids: [dead.id] })).toEqual({ replayed: 1, ids: [dead.id] });
    await eventually(
      () => applied,
      (a) => a.length === 1,
    );
    expect(applied).toEqual([event.eventId]);
    const replays = await eventually(
      () => onTopic.filter((m) => m.headers?.['x-replayed-from'] !== undefined),
      (r) => r.length >= 1,
    );
    expect(replays).toHaveLength(1);
    expect(replays[0].headers?.['x-replayed-from']?.toString()).toBe(dead.id);
    expect(replays[0].key?.toString()).toBe('pair');
    expect(JSON.parse(replays[0].value?.toString() ?? '')).toEqual(JSON.parse(JSON.stringify(event)));

    expect(await refusal(service.replay(central, { ids: [dead.id] }))).toBe('409 DLQ_ALREADY_REPLAYED');
    const after = (await service.browse({ topic: Topics.DeliveryAcknowledged })).items[0];
    expect(after.replayedBy).toBe('中央 管理者');
    expect(Date.parse(after.replayedAt ?? '')).not.toBeNaN();

    // Forced, it goes back again; the consumer has applied it already and changes nothing.
    expect((await service.replay(central, { ids: [dead.id], force: true })).replayed).toBe(1);
    await eventually(
      () => onTopic.filter((m) => m.headers?.['x-replayed-from'] !== undefined).length,
      (n) => n === 2,
    );
    await eventually(() => consumedAll(`it${run}.it-dlq-acks-${run}`, Topics.DeliveryAcknowledged), Boolean);
    expect(applied).toEqual([event.eventId]);
    expect(onTopic).toHaveLength(3);

    const audit = await ds.query<{ action: string; operator_name: string; target: string }[]>(
      `SELECT action, operator_name, target FROM "archive"."audit_log" ORDER BY id`,
    );
    expect(audit).toEqual([
      { action: 'kafka-dlq.replay', operator_name: '中央 管理者', target: dead.id },
      { action: 'kafka-dlq.replay', operator_name: '中央 管理者', target: dead.id },
    ]);
  });

  /** True once the group has committed every message of the topic. */
  async function consumedAll(groupId: string, topic: string): Promise<boolean> {
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(kafka.topic(topic));
      const [committed] = await admin.fetchOffsets({ groupId, topics: [kafka.topic(topic)] });
      return ends.every(
        (e) =>
          committed.partitions.find((p) => p.partition === e.partition)?.offset === e.high || e.high === '0',
      );
    } finally {
      await admin.disconnect();
    }
  }

  it('pages through the dead letters by topic, partition and offset', async () => {
    const dlq = dlqTopicOf(Topics.SubmissionReceived);
    // The first is not even JSON (a poison message).
    const value = (n: number) => (n === 0 ? '{not json' : JSON.stringify({ eventId: randomUUID(), n }));
    await kafka.send(
      dlq,
      [0, 1, 2].map((n) => ({ partition: 0, value: value(n) })),
    );
    await kafka.send(
      dlq,
      [3, 4].map((n) => ({ partition: 1, value: value(n) })),
    );

    const ids: string[] = [];
    const pages: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.browse({ topic: SubmissionReceivedEvent.topic, cursor, limit: 2 });
      ids.push(...page.items.map((m) => m.id));
      pages.push(page.items.length);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual([`${dlq}:0:0`, `${dlq}:0:1`, `${dlq}:0:2`, `${dlq}:1:0`, `${dlq}:1:1`]);
    expect(pages).toEqual([2, 2, 1]);

    // Without a topic: every topic's, in the order topics are declared.
    const all = await service.browse({ limit: 500 });
    expect(all.items.map((m) => m.id)).toEqual([...ids, ackDeadId]);
    expect(all.nextCursor).toBeNull();
    expect(all.items[0]).toMatchObject({ eventId: null, eventType: 'submission.received', consumer: null });
    expect(all.items[1].eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('replays everything not yet replayed, each once even when two replays race', async () => {
    const dlq = dlqTopicOf(Topics.SubmissionReceived);
    const collector = `it${run}.collect.replays`;
    const onTopic = await collect(Topics.SubmissionReceived, collector);
    const [a, b] = await Promise.all([
      service.replay(central, { all: true }),
      service.replay(central, { all: true }),
    ]);
    // Five SubmissionReceived dead letters (the acknowledgement was replayed in the first test).
    expect(a.replayed + b.replayed).toBe(5);
    expect([...a.ids, ...b.ids].sort()).toEqual(
      [0, 1, 2].map((o) => `${dlq}:0:${o}`).concat([`${dlq}:1:0`, `${dlq}:1:1`]),
    );
    await eventually(
      () => onTopic.length,
      (n) => n >= 5,
    );
    // Both replays have returned, so all they sent is on the topic; once the collector has read up to its
    // end, a duplicate would be among what it saw.
    await consumerCaughtUp(kafka.kafka, collector, [kafka.topic(Topics.SubmissionReceived)]);
    expect(onTopic).toHaveLength(5);
    expect((await service.replay(central, { all: true })).replayed).toBe(0);
  });

  it('refuses unknown topics and messages, mixed requests and prefecture operators', async () => {
    const okinawa: OperatorContext = { id: randomUUID(), name: '沖縄', role: 'prefecture', prefecture: '47' };
    const dlq = dlqTopicOf(Topics.SubmissionReceived);
    expect(await refusal(service.browse({ topic: 'careplan.nope.v1' }))).toBe('400 DLQ_TOPIC_UNKNOWN');
    expect(await refusal(service.browse({ cursor: 'careplan.nope.v1.dlq:0:0' }))).toBe(
      '400 DLQ_TOPIC_UNKNOWN',
    );
    expect(await refusal(service.replay(central, { ids: [`${dlq}:0:999`] }))).toBe(
      '404 DLQ_MESSAGE_NOT_FOUND',
    );
    expect(await refusal(service.replay(central, { ids: [`${dlq}:7:0`] }))).toBe('404 DLQ_MESSAGE_NOT_FOUND');
    expect(await refusal(service.replay(central, { ids: ['nonsense'] }))).toBe('400 DLQ_ID_INVALID');
    expect(await refusal(service.replay(central, { ids: [`${dlq}:0:0`], all: true }))).toBe(
      '400 REPLAY_INVALID',
    );
    expect(await refusal(service.replay(central, {}))).toBe('400 REPLAY_INVALID');
    expect(await refusal(service.list(okinawa, {}))).toBe('403 OPS_ROLE');
    expect(await refusal(service.replay(okinawa, { all: true }))).toBe('403 OPS_ROLE');
    // One already replayed among named ones: none of them goes back.
    await kafka.send(dlq, [{ partition: 1, value: JSON.stringify({ eventId: randomUUID() }) }]);
    expect(await refusal(service.replay(central, { ids: [`${dlq}:1:2`, `${dlq}:1:0`] }))).toBe(
      '409 DLQ_ALREADY_REPLAYED',
    );
    expect((await service.browse({ cursor: `${dlq}:1:2`, limit: 1 })).items[0]).toMatchObject({
      replayedAt: null,
    });
  });
});
