import { randomBytes } from 'node:crypto';
import { KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { MetricsService } from '@careplan/platform';
import {
  consumerCaughtUp,
  createTestDatabase,
  eventually,
  kafkaBrokers,
  TestDatabase,
} from '@careplan/testing';
import { EventConsumer, EventHandler } from './event-consumer';
import { KafkaService } from './kafka.service';
import { addToOutbox, OutboxRelay } from './outbox';
import { effectsOf, ping, pingDataSource, PingEvent, recordingHandler } from './testing/ping.fixture';

const SCHEMA = 'it_scale';
const PARTITIONS = 4;

describe('several instances of a service on the real Kafka and PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let kafka: KafkaService;
  const stoppable: { stop(): Promise<void> }[] = [];
  const run = randomBytes(4).toString('hex');

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await pingDataSource(db.url, SCHEMA);
    kafka = new KafkaService({
      brokers: kafkaBrokers(),
      clientId: 'it-scale',
      topicPrefix: `it${run}.`,
      groupPrefix: `it${run}`,
      topics: [PingEvent.topic],
      partitions: PARTITIONS,
    });
    await kafka.onModuleInit();
  });

  afterAll(async () => {
    for (const s of stoppable) await s.stop();
    await kafka.onApplicationShutdown();
    await ds.destroy();
    await db.drop();
  });

  /** One instance of the consumer `shared`: same group as every other instance; counts what it handled. */
  function instance(): { consumer: EventConsumer; handled: () => number } {
    let handled = 0;
    const record = recordingHandler(SCHEMA, 'shared');
    const counted: EventHandler<PingEvent> = {
      event: PingEvent,
      handle: (e, m) => (handled++, record.handle(e, m)),
    };
    const consumer = new EventConsumer(kafka, ds, new MetricsService('it'), {
      name: 'shared',
      schema: SCHEMA,
      handlers: [counted],
    });
    stoppable.push(consumer);
    return { consumer, handled: () => handled };
  }

  const send = (from: number, count: number) =>
    kafka.send(
      PingEvent.topic,
      Array.from({ length: count }, (_, i) => ({
        key: `pair-${(from + i) % 16}`,
        value: JSON.stringify(ping(`e${from + i}`)),
      })),
    );

  it('two consumers of one group share the partitions, and each event takes effect exactly once', async () => {
    const a = instance();
    const b = instance();
    await a.consumer.start();
    await b.consumer.start();
    await send(0, 120);
    const effects = await eventually(
      () => effectsOf(ds, SCHEMA, 'shared'),
      (t) => t.length >= 120,
    );
    expect(a.handled()).toBeGreaterThan(0);
    expect(b.handled()).toBeGreaterThan(0);

    // One instance leaves mid-stream: the other takes its partitions over; a redelivered event changes nothing.
    await send(120, 60);
    await a.consumer.stop();
    await send(180, 60);
    await eventually(
      () => effectsOf(ds, SCHEMA, 'shared'),
      (t) => new Set(t).size >= 240,
    );
    // Every copy delivered, the redelivered ones too, is handled and committed: nothing is left to land late.
    await consumerCaughtUp(kafka.kafka, kafka.groupId('shared'), [kafka.topic(PingEvent.topic)]);
    const all = await effectsOf(ds, SCHEMA, 'shared');
    expect(all).toHaveLength(240);
    expect(new Set(all).size).toBe(240);
    expect(effects.slice(0, 120).sort()).toEqual(Array.from({ length: 120 }, (_, i) => `e${i}`).sort());
  });

  it('outbox relays of several instances publish every row once, in commit order', async () => {
    const relays = [0, 1, 2].map(() => new OutboxRelay(ds, kafka, SCHEMA));
    for (const r of relays) {
      r.onApplicationBootstrap();
      stoppable.push({ stop: () => r.onApplicationShutdown() });
    }
    const seen: KafkaMessage[] = [];
    const collector = kafka.kafka.consumer({ groupId: `it${run}.collect` });
    stoppable.push({ stop: () => collector.disconnect() });
    await collector.connect();
    await collector.subscribe({ topic: kafka.topic(PingEvent.topic), fromBeginning: true });
    await collector.run({ eachMessage: ({ message }) => Promise.resolve(void seen.push(message)) });

    for (let i = 0; i < 100; i++) {
      await ds.transaction((m) => addToOutbox(m, SCHEMA, PingEvent, 'one-pair', ping(`r${i}`)));
      for (const r of relays) r.nudge();
    }
    // The topic holds the first test's events too: this test's rows are the r… ones.
    const rows = () =>
      seen.map((m) => (JSON.parse(m.value!.toString()) as PingEvent).text).filter((t) => t.startsWith('r'));
    await eventually(rows, (t) => t.length >= 100);
    // A row is published again only while it is still in the outbox; once it is empty and the relays have
    // stopped, nothing more can be published, and the collector has read all there is once it caught up.
    await eventually(
      async () =>
        Number((await ds.query<{ n: string }[]>(`SELECT count(*) AS n FROM "${SCHEMA}"."outbox"`))[0].n),
      (n) => n === 0,
    );
    for (const r of relays) await r.onApplicationShutdown();
    await consumerCaughtUp(kafka.kafka, `it${run}.collect`, [kafka.topic(PingEvent.topic)]);
    expect(rows()).toEqual(Array.from({ length: 100 }, (_, i) => `r${i}`));
  });
});
