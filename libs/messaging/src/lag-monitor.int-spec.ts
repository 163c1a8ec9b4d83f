import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MetricsService } from '@careplan/platform';
import { createTestDatabase, eventually, kafkaBrokers, TestDatabase } from '@careplan/testing';
import { EventConsumer } from './event-consumer';
import { KafkaService } from './kafka.service';
import { LagMonitor } from './lag-monitor';
import { effectsOf, ping, pingDataSource, PingEvent, recordingHandler } from './testing/ping.fixture';

const SCHEMA = 'it_lag';

describe('consumer lag measured from the real Kafka', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let kafka: KafkaService;
  let consumer: EventConsumer;
  const metrics = new MetricsService('it');
  const run = randomBytes(4).toString('hex');

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await pingDataSource(db.url, SCHEMA);
    kafka = new KafkaService({
      brokers: kafkaBrokers(),
      clientId: 'it-lag',
      topicPrefix: `it${run}.`,
      groupPrefix: `it${run}`,
      topics: [PingEvent.topic],
      partitions: 2,
    });
    await kafka.onModuleInit();
    consumer = new EventConsumer(kafka, ds, metrics, {
      name: 'lagging',
      schema: SCHEMA,
      handlers: [recordingHandler(SCHEMA, 'lagging')],
    });
  });

  afterAll(async () => {
    await consumer.stop();
    await kafka.onApplicationShutdown();
    await ds.destroy();
    await db.drop();
  });

  const monitor = () => new LagMonitor(kafka, metrics, () => [consumer]);

  /** What careplan_kafka_consumer_lag says for the consumer, summed over its partitions. */
  async function lag(): Promise<number> {
    await monitor().measure();
    const { values } = await metrics.registry.getSingleMetric('careplan_kafka_consumer_lag')!.get();
    return values.filter((v) => v.labels.consumer === 'lagging').reduce((n, v) => n + v.value, 0);
  }

  const send = (texts: string[]) =>
    kafka.send(
      PingEvent.topic,
      texts.map((t, i) => ({ key: `k${i}`, value: JSON.stringify(ping(t)) })),
    );

  it('shows what a group that is not consuming has not consumed, and nothing once it has', async () => {
    await send(['a', 'b', 'c', 'd', 'e']);
    // Never started: the whole topic is lag.
    expect(await lag()).toBe(5);

    await consumer.start();
    await eventually(
      () => effectsOf(ds, SCHEMA, 'lagging'),
      (t) => t.length === 5,
    );
    await eventually(lag, (n) => n === 0, 30_000, 500);

    // Stopped (or stalled): new events show as lag although the consumer reports nothing.
    await consumer.stop();
    await send(['f', 'g', 'h']);
    expect(await lag()).toBe(3);
  });
});
