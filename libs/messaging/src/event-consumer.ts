import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Consumer, EachMessagePayload, IHeaders } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { BaseEvent, dlqTopicOf, EventClass } from '@careplan/contracts';
import { MetricsService } from '@careplan/platform';
import { KafkaService } from './kafka.service';

/** A failure that retrying cannot fix (bad payload, broken invariant): straight to the dead-letter topic. */
export class PermanentError extends Error {}

export interface EventHandler<T extends BaseEvent> {
  event: EventClass<T>;
  /** Applies the event's effect with `manager`, inside the transaction that records the event id. */
  handle(event: T, manager: EntityManager): Promise<void>;
  /**
   * Called once a valid event has gone to the dead-letter topic, so that what it was about fails
   * visibly (e.g. a submission marked rejected) instead of waiting forever. Its own errors are logged.
   */
  onGiveUp?(event: T, reason: string): Promise<void>;
}

export interface ConsumerOptions {
  /** Stable name: part of the consumer group id and of the idempotency ledger's key. */
  name: string;
  schema: string;
  // Handlers of different event types; the union cannot be expressed without erasing the type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handlers: EventHandler<any>[];
  maxAttempts?: number;
  /** Called after each committed effect (e.g. to nudge the outbox relay). */
  afterCommit?: () => void;
}

const DEFAULT_ATTEMPTS = 5;
const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 5000;

/**
 * A service's consumer is a Nest provider extending this class: it starts with the application and
 * stops with it. Runs a Kafka consumer group whose effects are idempotent: the event id is recorded in the same
 * transaction as the effect, so a redelivered event changes nothing. A message that keeps failing
 * goes to `<topic>.dlq` with the reason in its headers instead of blocking its partition.
 */
export class EventConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private consumer: Consumer | null = null;
  private readonly byTopic = new Map<string, EventHandler<BaseEvent>>();

  constructor(
    private readonly kafka: KafkaService,
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
    private readonly options: ConsumerOptions,
  ) {
    this.logger = new Logger(`Consumer:${options.name}`);
    for (const h of options.handlers)
      this.byTopic.set(kafka.topic(h.event.topic), h as EventHandler<BaseEvent>);
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  async start(): Promise<void> {
    this.consumer = this.kafka.kafka.consumer({
      groupId: this.kafka.groupId(this.options.name),
      sessionTimeout: 15000,
      heartbeatInterval: 3000,
    });
    this.observeLag(this.consumer);
    await this.consumer.connect();
    // A new group starts at the earliest offset: events published before its first start are not missed.
    await this.consumer.subscribe({ topics: [...this.byTopic.keys()], fromBeginning: true });
    // Partitions are handled side by side (order holds within one, i.e. per sender → receiver pair):
    // one at a time, a consumer spends most of its time waiting on its database commit.
    await this.consumer.run({
      partitionsConsumedConcurrently: this.kafka.partitions,
      eachMessage: (payload) => this.onMessage(payload),
    });
  }

  /** Consumer lag per partition after each batch: how far this group is behind the log's end. */
  private observeLag(consumer: Consumer): void {
    const lag = this.metrics.gauge(
      'careplan_kafka_consumer_lag',
      'Messages not yet consumed, per partition',
      ['consumer', 'topic', 'partition'],
    );
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      lag.set(
        { consumer: this.options.name, topic: payload.topic, partition: String(payload.partition) },
        Number(payload.offsetLag),
      );
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  /** Exposed for tests: processes one raw message exactly as the consumer loop does. */
  async onMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const handler = this.byTopic.get(topic);
    if (!handler) return;
    const raw = message.value?.toString('utf8') ?? '';
    let event: BaseEvent;
    try {
      event = this.parse(raw, handler.event);
    } catch (e) {
      await this.deadLetter(topic, partition, message.offset, raw, message.key, String(e), 0);
      return;
    }
    const maxAttempts = this.options.maxAttempts ?? DEFAULT_ATTEMPTS;
    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await this.apply(event, topic, handler);
        this.count(topic, applied ? 'processed' : 'duplicate');
        if (applied) this.options.afterCommit?.();
        return;
      } catch (e) {
        const permanent = e instanceof PermanentError;
        // JSON log fields: operators search by submission id across all services.
        const context = {
          eventId: event.eventId,
          submissionId: submissionIdOf(event),
          topic,
          attempt,
          err: String(e),
        };
        if (permanent || attempt >= maxAttempts) {
          this.logger.error(context, 'event failed; sent to the dead-letter topic');
          await this.deadLetter(topic, partition, message.offset, raw, message.key, String(e), attempt);
          await this.giveUp(handler, event, String(e));
          return;
        }
        this.logger.warn(context, 'event failed; retrying');
        await sleep(Math.min(BASE_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS));
        await payload.heartbeat();
      }
    }
  }

  private async giveUp(handler: EventHandler<BaseEvent>, event: BaseEvent, reason: string): Promise<void> {
    try {
      await handler.onGiveUp?.(event, reason);
      this.options.afterCommit?.();
    } catch (e) {
      this.logger.error(
        { eventId: event.eventId, submissionId: submissionIdOf(event), err: String(e) },
        'give-up hook failed',
      );
    }
  }

  private parse(raw: string, cls: EventClass): BaseEvent {
    const plain: unknown = JSON.parse(raw);
    const event = plainToInstance(cls, plain);
    const errors = validateSync(event as object);
    if (errors.length > 0) {
      throw new PermanentError(
        `invalid ${cls.name}: ${errors.map((e) => e.toString(false).trim()).join('; ')}`,
      );
    }
    return event;
  }

  /** Returns false when the event had already been processed by this consumer. */
  private apply(event: BaseEvent, topic: string, handler: EventHandler<BaseEvent>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager.query<unknown[]>(
        `INSERT INTO "${this.options.schema}"."processed_events" (consumer, event_id, topic)
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.name, event.eventId, topic],
      );
      if (inserted.length === 0) return false;
      await handler.handle(event, manager);
      return true;
    });
  }

  private async deadLetter(
    topic: string,
    partition: number,
    offset: string,
    value: string,
    key: Buffer | null,
    reason: string,
    attempts: number,
  ): Promise<void> {
    const original = topic.slice(this.kafka.options.topicPrefix.length);
    const headers: IHeaders = {
      'x-error': reason.slice(0, 2000),
      'x-attempts': String(attempts),
      'x-consumer': this.options.name,
      'x-original-topic': topic,
      'x-original-partition': String(partition),
      'x-original-offset': offset,
      'x-failed-at': new Date().toISOString(),
    };
    // If this send fails the error propagates: the offset is not committed and the message is retried.
    await this.kafka.send(dlqTopicOf(original), [{ key, value, headers }]);
    this.count(topic, 'dead_lettered');
  }

  private count(topic: string, outcome: string): void {
    this.metrics
      .counter('careplan_kafka_messages_total', 'Kafka messages handled by outcome', [
        'consumer',
        'topic',
        'outcome',
      ])
      .inc({ consumer: this.options.name, topic, outcome });
  }
}

function submissionIdOf(event: BaseEvent): string | undefined {
  return 'submissionId' in event && typeof event.submissionId === 'string' ? event.submissionId : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
