import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaBrokers } from '@careplan/testing';
import { KafkaService } from './kafka.service';
import { PingEvent } from './testing/ping.fixture';

describe('the migrate step on the real Kafka', () => {
  const prefix = `it${randomBytes(4).toString('hex')}.`;
  const admin = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
  const migrate = (partitions: number) =>
    new KafkaService({
      brokers: kafkaBrokers(),
      clientId: 'it-topics',
      topicPrefix: prefix,
      groupPrefix: 'it-topics',
      topics: [PingEvent.topic],
      partitions,
    }).migrateTopics();
  const partitionsOf = async (topic: string) =>
    (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions.length;
  const topic = `${prefix}${PingEvent.topic}`;

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates topics with KAFKA_PARTITIONS, grows them when it is raised and never shrinks them', async () => {
    expect(await migrate(2)).toEqual({ created: [topic, `${topic}.dlq`], grown: [] });
    expect(await partitionsOf(topic)).toBe(2);

    const grown = await migrate(4);
    expect(grown.created).toEqual([]);
    expect(grown.grown).toEqual([
      { topic, from: 2, to: 4 },
      { topic: `${topic}.dlq`, from: 2, to: 4 },
    ]);
    expect(await partitionsOf(topic)).toBe(4);
    expect(await partitionsOf(`${topic}.dlq`)).toBe(4);

    expect(await migrate(3)).toEqual({ created: [], grown: [] });
    expect(await partitionsOf(topic)).toBe(4);
  });
});
