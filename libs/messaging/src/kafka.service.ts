import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Admin, Kafka, logLevel, Message, Partitioners, Producer } from 'kafkajs';
import { dlqTopicOf } from '@careplan/contracts';

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

const DEFAULT_PARTITIONS = 3;

/** One Kafka client per service: a producer, an admin, and the naming rules for topics and groups. */
export class KafkaService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Kafka');
  readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;

  constructor(readonly options: KafkaOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      retry: { retries: 8, initialRetryTime: 200 },
      logCreator: () => (entry) => {
        const { message, ...fields } = entry.log;
        this.logger.warn(`${entry.namespace}: ${message} ${JSON.stringify(fields)}`);
      },
    });
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    this.admin = this.kafka.admin();
  }

  get partitions(): number {
    return this.options.partitions ?? DEFAULT_PARTITIONS;
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

  /** Creates missing topics and their dead-letter twins; existing ones are left as they are. */
  async ensureTopics(names: readonly string[]): Promise<void> {
    const wanted = names.flatMap((n) => [this.topic(n), this.topic(dlqTopicOf(n))]);
    const existing = new Set(await this.admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: this.partitions,
        replicationFactor: -1,
      })),
    });
  }

  /** Sends to an un-prefixed topic name; acks from all in-sync replicas. */
  async send(topic: string, messages: Message[]): Promise<void> {
    await this.producer.send({ topic: this.topic(topic), messages, acks: -1 });
  }

  async ping(): Promise<void> {
    await this.admin.describeCluster();
  }
}
