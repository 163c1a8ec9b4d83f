import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Admin, Kafka, logLevel, Message, Partitioners, Producer, TopicMessages } from 'kafkajs';
import { dlqTopicOf } from '@careplan/contracts';
import { DEFAULT_KAFKA_PARTITIONS } from '@careplan/platform';
import type { PartitionWatermarks } from './topic-reader';
import { stopIdleRequestQueueTimer } from './kafkajs-idle-timer';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  /** Deployment namespace for topic names (empty in production, unique per test run). */
  topicPrefix: string;
  /** Namespace for consumer group ids. */
  groupPrefix: string;
  /** Topics this service produces or consumes; created (with their .dlq twins) at start when missing. */
  topics: readonly string[];
  /** Partitions of the topics this service creates; also how many a consumer handles at once. */
  partitions?: number;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/** What the migrate step changed: topics created, and topics given more partitions. */
export interface TopicChanges {
  created: string[];
  grown: { topic: string; from: number; to: number }[];
}

/**
 * Reconnect quickly and keep at it: backoff from 100 ms capped at 1 s (kafkajs' default cap is 30 s, which is
 * how delivery used to resume 26 s after the broker was back). One operation gives up after about 8 s; the
 * outbox relay then tries again and a consumer restarts itself, so no client gives up for good.
 */
export const KAFKA_RETRY = { initialRetryTime: 100, maxRetryTime: 1000, retries: 10 } as const;

/**
 * kafkajs warns that an idempotent producer with bounded retries may write a batch twice (re-sent by its
 * caller after giving up). Bounded on purpose, see KAFKA_RETRY: a re-send is what the outbox does anyway,
 * and consumers drop a second copy by its event id.
 */
const BOUNDED_IDEMPOTENT_RETRIES = 'Limiting retries for the idempotent producer';

/** Errors after which an idempotent producer's sequence numbers no longer match the broker's: start afresh. */
const PRODUCER_STATE_ERRORS = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
]);

function producerStateLost(e: unknown): boolean {
  for (let err = e as { type?: unknown; cause?: unknown } | undefined, depth = 0; err && depth < 5; depth++) {
    if (typeof err.type === 'string' && PRODUCER_STATE_ERRORS.has(err.type)) return true;
    err = err.cause as typeof err;
  }
  return false;
}

/** One Kafka client per service: a producer, an admin, and the naming rules for topics and groups. */
export class KafkaService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Kafka');
  readonly kafka: Kafka;
  private producer: Producer;
  private readonly admin: Admin;

  constructor(readonly options: KafkaOptions) {
    stopIdleRequestQueueTimer();
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      retry: KAFKA_RETRY,
      // A refused or silent broker is noticed in seconds, not the default 30 s of a request.
      connectionTimeout: 3000,
      requestTimeout: 10000,
      logCreator: () => (entry) => {
        const { message, ...fields } = entry.log;
        if (message.startsWith(BOUNDED_IDEMPOTENT_RETRIES)) return;
        this.logger.warn(`${entry.namespace}: ${message} ${JSON.stringify(fields)}`);
      },
    });
    this.producer = this.newProducer();
    this.admin = this.kafka.admin();
  }

  /**
   * Idempotent: a request the client retries (a lost response, a leader change) is written once, in order,
   * per partition; that needs acks from all in-sync replicas and one request in flight per broker.
   */
  private newProducer(): Producer {
    return this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
      retry: KAFKA_RETRY,
    });
  }

  get partitions(): number {
    return this.options.partitions ?? DEFAULT_KAFKA_PARTITIONS;
  }

  topic(name: string): string {
    return `${this.options.topicPrefix}${name}`;
  }

  groupId(consumerName: string): string {
    return `${this.options.groupPrefix}.${consumerName}`;
  }

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
    await this.ensureTopics(this.options.topics);
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }

  /**
   * Creates missing topics and their dead-letter twins. With `grow` (the migrate step), also adds partitions
   * to those with fewer than configured; Kafka cannot remove partitions, so none are ever taken away.
   */
  async ensureTopics(names: readonly string[], options: { grow?: boolean } = {}): Promise<TopicChanges> {
    const wanted = names.flatMap((n) => [this.topic(n), this.topic(dlqTopicOf(n))]);
    const existing = new Set(await this.admin.listTopics());
    const created = wanted.filter((t) => !existing.has(t));
    if (created.length > 0) {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: created.map((topic) => ({
          topic,
          numPartitions: this.partitions,
          replicationFactor: -1,
        })),
      });
    }
    const grown = options.grow ? await this.growPartitions(wanted.filter((t) => existing.has(t))) : [];
    return { created, grown };
  }

  /** The migrate step: topics created and grown to the configured partitions, with an admin of its own. */
  async migrateTopics(): Promise<TopicChanges> {
    await this.admin.connect();
    try {
      return await this.ensureTopics(this.options.topics, { grow: true });
    } finally {
      await this.admin.disconnect();
    }
  }

  private async growPartitions(topics: string[]): Promise<TopicChanges['grown']> {
    if (topics.length === 0) return [];
    const { topics: metadata } = await this.admin.fetchTopicMetadata({ topics });
    const grown = metadata
      .filter((t) => t.partitions.length < this.partitions)
      .map((t) => ({ topic: t.name, from: t.partitions.length, to: this.partitions }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
    if (grown.length > 0) {
      await this.admin.createPartitions({
        topicPartitions: grown.map((g) => ({ topic: g.topic, count: g.to })),
      });
    }
    return grown;
  }

  /** Sends to an un-prefixed topic name; acks from all in-sync replicas. */
  async send(topic: string, messages: Message[]): Promise<void> {
    await this.produce(() => this.producer.send({ topic: this.topic(topic), messages, acks: -1 }));
  }

  /**
   * Sends messages of several un-prefixed topics in one produce request per broker; the order of each
   * topic's messages is kept within each partition.
   */
  async sendBatch(topicMessages: TopicMessages[]): Promise<void> {
    if (topicMessages.length === 0) return;
    await this.produce(() =>
      this.producer.sendBatch({
        acks: -1,
        topicMessages: topicMessages.map((t) => ({ topic: this.topic(t.topic), messages: t.messages })),
      }),
    );
  }

  /**
   * Runs a send; when it failed because the broker no longer knows this producer's sequence (a request that
   * timed out after all, the producer id expired), replaces the producer so that the caller's retry can work.
   */
  private async produce(send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (e) {
      if (producerStateLost(e)) {
        this.logger.warn(`producer state lost (${String(e)}); starting a new producer`);
        const old = this.producer;
        this.producer = this.newProducer();
        await old.disconnect().catch(() => undefined);
        await this.producer.connect();
      }
      throw e;
    }
  }

  /**
   * How far a group is behind the end of each partition of `topics`, as the broker sees it: end offsets
   * minus committed offsets (a group that has committed nothing yet starts at the beginning).
   */
  async consumerLag(groupId: string, topics: string[]): Promise<PartitionLag[]> {
    const lags: PartitionLag[] = [];
    for (const { topic, partitions } of await this.admin.fetchOffsets({ groupId, topics })) {
      const ends = new Map((await this.admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p]));
      for (const { partition, offset } of partitions) {
        const end = ends.get(partition);
        if (!end) continue;
        const from = Number(offset) >= 0 ? Number(offset) : Number(end.low);
        lags.push({ topic, partition, lag: Math.max(0, Number(end.high) - from) });
      }
    }
    return lags;
  }

  /**
   * Watermarks of every partition of the given un-prefixed topics that exist, named without the prefix, on the
   * service's own admin connection (no client of its own to set up, or to leave retrying when Kafka is away).
   */
  async watermarks(topics: readonly string[]): Promise<PartitionWatermarks[]> {
    const existing = new Set(await this.admin.listTopics());
    const found = await Promise.all(
      topics
        .filter((t) => existing.has(this.topic(t)))
        .map(async (topic) =>
          (await this.admin.fetchTopicOffsets(this.topic(topic)))
            .map((o) => ({ topic, partition: o.partition, low: Number(o.low), high: Number(o.high) }))
            .sort((a, b) => a.partition - b.partition),
        ),
    );
    return found.flat();
  }

  async ping(): Promise<void> {
    await this.admin.describeCluster();
  }
}
