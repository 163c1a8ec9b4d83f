import { randomBytes } from 'node:crypto';
import { EachBatchPayload } from 'kafkajs';
import { DataSource } from 'typeorm';
import { MetricsService } from '@careplan/platform';
import { createTestDatabase, eventually, kafkaBrokers, TestDatabase } from '@careplan/testing';
import { EventConsumer } from './event-consumer';
import { KafkaService } from './kafka.service';
import { effectsOf, ping, pingDataSource, PingEvent, recordingHandler } from './testing/ping.fixture';

const SCHEMA = 'it_recovery';

/** Throws what kafkajs treats as not retriable on its first batch: its consumer crashes for good. */
class CrashingOnce extends EventConsumer {
  crashes = 0;
  override async onBatch(payload: EachBatchPayload): Promise<void> {
    if (this.crashes++ === 0) throw new TypeError('a bug in the loop');
    return super.onBatch(payload);
  }
}

describe('a consumer that crashes on the real Kafka', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let kafka: KafkaService;
  let consumer: CrashingOnce;
  const run = randomBytes(4).toString('hex');

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await pingDataSource(db.url, SCHEMA);
    kafka = new KafkaService({
      brokers: kafkaBrokers(),
      clientId: 'it-recovery',
      topicPrefix: `it${run}.`,
      groupPrefix: `it${run}`,
      topics: [PingEvent.topic],
      partitions: 1,
    });
    await kafka.onModuleInit();
  });

  afterAll(async () => {
    await consumer?.stop();
    await kafka.onApplicationShutdown();
    await ds.destroy();
    await db.drop();
  });

  it('starts again after a crash kafkajs does not restart from, and applies the message it crashed on', async () => {
    consumer = new CrashingOnce(kafka, ds, new MetricsService('it'), {
      name: 'crashing',
      schema: SCHEMA,
      handlers: [recordingHandler(SCHEMA, 'crashing')],
    });
    await kafka.send(PingEvent.topic, [{ key: 'k', value: JSON.stringify(ping('after-crash')) }]);
    await consumer.start();
    await eventually(
      () => effectsOf(ds, SCHEMA, 'crashing'),
      (t) => t.includes('after-crash'),
      30_000,
    );
    expect(consumer.crashes).toBeGreaterThanOrEqual(2);
  });
});
