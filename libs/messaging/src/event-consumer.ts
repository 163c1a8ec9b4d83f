import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Consumer, EachBatchPayload, EachMessagePayload, IHeaders, KafkaMessage } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { BaseEvent, dlqTopicOf, EventClass, payloadCheck } from '@careplan/contracts';
import { isTransientError, MetricsService } from '@careplan/platform';
import { InflightLedger, MessagePosition } from './consumer-inflight';
import { DEFAULT_RETRY_POLICY, RetryPolicy, RetryState, waitOrStop } from './consumer-retry';
import { KafkaService } from './kafka.service';

/** A failure that retrying cannot fix (bad payload, broken invariant): straight to the dead-letter topic. */
export class PermanentError extends Error {}

export interface EventHandler<T extends BaseEvent> {
  event: EventClass<T>;
  /** Applies the event's effect with `manager`, inside the transaction that records the event id. */
  handle(event: T, manager: EntityManager): Promise<void>;
  /**
   * Optional, for consumers with idempotentEffects: applies a batch's events (one partition's, in order) with
   * `manager` in one go — a few multi-row statements instead of each event's own. Must mean the same as
   * `handle` on each in turn; a failed batch is retried one by one through `handle`.
   */
  handleAll?(events: T[], manager: EntityManager): Promise<void>;
  /**
   * Called once a valid event has gone to the dead-letter topic, so that what it was about fails
   * visibly (e.g. a submission marked rejected) instead of waiting forever. Infrastructure failures of
   * the hook are retried until it succeeds; its other errors are logged.
   */
  onGiveUp?(event: T, reason: string): Promise<void>;
  /**
   * Called, in the transaction that found the event id already recorded (a redelivery or a re-drive),
   * instead of `handle`: a handler whose effect emits an event can publish it again, with its original id, for
   * consumers downstream that missed it. Retried like `handle`.
   */
  onDuplicate?(event: T, manager: EntityManager): Promise<void>;
  /**
   * Optional: which of a batch's events have nothing to do (true), read outside any transaction (e.g. no
   * recipient has a webhook). Those are passed over with no transaction, in-flight or processed-event row, so
   * seeing one again must be harmless: a redelivery asks again. A failure of this check handles them all.
   */
  idle?(events: T[]): Promise<boolean[]>;
}

export interface ConsumerOptions {
  /** Stable name: part of the consumer group id and of the idempotency ledger's key. */
  name: string;
  schema: string;
  // Handlers of different event types; the union cannot be expressed without erasing the type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handlers: EventHandler<any>[];
  /** Tries of a handler failing for a reason other than infrastructure (which is retried without end). */
  maxAttempts?: number;
  /** Delays between tries and how often a run of retries is logged. */
  retry?: Partial<RetryPolicy>;
  /**
   * Starts of one message that never finished (the process died handling it) after which it is
   * dead-lettered without being handled again.
   */
  crashLimit?: number;
  /** Called after each committed effect (e.g. to nudge the outbox relay). */
  afterCommit?: () => void;
  /** Most messages of one partition applied in one transaction. */
  maxBatch?: number;
  /**
   * Every handler's effect is idempotent by its own unique key (e.g. INSERT ... ON CONFLICT DO NOTHING on the
   * event id): no processed-event row is written and every event counts as new, so a redelivery applies it again
   * to no effect. Not for handlers with onDuplicate or an effect that must happen once (an outbox event).
   */
  idempotentEffects?: boolean;
}

const DEFAULT_ATTEMPTS = 5;
const DEFAULT_CRASH_LIMIT = 3;
/**
 * Bounds a transaction's work, its locks and what a failure inside it sends back to one-by-one. No batch waits
 * to fill: a batch is what Kafka's fetch found, so at a low rate it is one message and latency stays as low.
 */
const DEFAULT_MAX_BATCH = 100;

type LogContext = Record<string, unknown>;

/** A parsed message of a batch, with the payload its one-by-one steps take. */
interface BatchItem {
  payload: EachMessagePayload;
  event: BaseEvent;
  raw: string;
  context: LogContext;
}

/**
 * A service's consumer is a Nest provider extending this class: it starts with the application and
 * stops with it. Runs a Kafka consumer group whose effects are idempotent: the event id is recorded in the same
 * transaction as the effect, so a redelivered event changes nothing. What one fetch brings of a partition is
 * applied in batches (at most maxBatch messages): one in-flight statement, then one transaction with the
 * processed-event rows in one statement and each handler's effect, then the offsets. A batch that fails is
 * rolled back and its messages are handled one by one, each in its own transaction as before: while a database,
 * Redis or Kafka is unreachable a message is retried, its offset uncommitted, until the dependency is back; a
 * message that fails for any other reason goes to `<topic>.dlq` with the reason in its headers instead of
 * blocking its partition.
 */
export class EventConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private consumer: Consumer | null = null;
  private readonly byTopic = new Map<string, EventHandler<BaseEvent>>();
  private readonly retryPolicy: RetryPolicy;
  private stopping = new AbortController();
  private readonly inflight: InflightLedger;

  constructor(
    private readonly kafka: KafkaService,
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
    private readonly options: ConsumerOptions,
  ) {
    this.logger = new Logger(`Consumer:${options.name}`);
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.inflight = new InflightLedger(dataSource, options.schema, options.name);
    if (options.idempotentEffects && options.handlers.some((h) => h.onDuplicate !== undefined))
      throw new Error(`consumer ${options.name}: onDuplicate needs the processed-event rows`);
    if (!options.idempotentEffects && options.handlers.some((h) => h.handleAll !== undefined))
      throw new Error(`consumer ${options.name}: handleAll is for consumers with idempotent effects`);
    for (const h of options.handlers) {
      this.byTopic.set(kafka.topic(h.event.topic), h as EventHandler<BaseEvent>);
      payloadCheck(h.event); // compiled now: a class it cannot express stops the start, not its messages
    }
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  async start(): Promise<void> {
    this.stopping = new AbortController();
    const consumer = this.kafka.kafka.consumer({
      groupId: this.kafka.groupId(this.options.name),
      // A killed instance is dropped from the group within 8 s, so its partitions move on soon; a live one
      // hears of a rebalance within a heartbeat and has 20 s to finish the message in hand and rejoin.
      sessionTimeout: 8000,
      heartbeatInterval: 1000,
      rebalanceTimeout: 20000,
    });
    this.consumer = consumer;
    // kafkajs restarts by itself after a retriable crash only; after any other it would sit idle for good.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.restartAfterCrash(consumer, payload.error);
    });
    await consumer.connect();
    // A new group starts at the earliest offset: events published before its first start are not missed.
    await consumer.subscribe({ topics: [...this.byTopic.keys()], fromBeginning: true });
    // Partitions are handled side by side (order holds within one, i.e. per sender → receiver pair):
    // one at a time, a consumer spends most of its time waiting on its database commit.
    await consumer.run({
      partitionsConsumedConcurrently: this.kafka.partitions,
      // Offsets move on as messages are done (resolveOffset), and are committed after each batch.
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  private static readonly restartDelayMs = 1000;

  /** Replaces a consumer kafkajs gave up on with a fresh one, and keeps trying until one starts. */
  private restartAfterCrash(crashed: Consumer, error: unknown): void {
    const delay = EventConsumer.restartDelayMs;
    this.logger.error({ err: String(error) }, `consumer crashed; restarting in ${delay} ms`);
    setTimeout(() => void this.replace(crashed), delay);
  }

  private async replace(crashed: Consumer): Promise<void> {
    if (this.consumer !== crashed) return; // stopped, or already replaced
    await crashed.disconnect().catch(() => undefined);
    if (this.consumer !== crashed) return;
    try {
      await this.start();
    } catch (e) {
      if (this.consumer) this.restartAfterCrash(this.consumer, e);
    }
  }

  /** The group and (prefixed) topics whose lag LagMonitor measures from the broker. */
  get subscription(): { name: string; groupId: string; topics: string[] } {
    return {
      name: this.options.name,
      groupId: this.kafka.groupId(this.options.name),
      topics: [...this.byTopic.keys()],
    };
  }

  async stop(): Promise<void> {
    // Messages waiting for a retry give up their wait now, uncommitted, instead of holding the disconnect; the
    // signal stays aborted until the next start, so a retry that was mid-try when stop came gives up at its wait.
    this.stopping.abort();
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  /**
   * Exposed for tests: what the consumer loop does with what one fetch brought of a partition — batches of at
   * most maxBatch messages, each committed (offsets too) before the next.
   */
  async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const handler = this.byTopic.get(batch.topic);
    const size = this.options.maxBatch ?? DEFAULT_MAX_BATCH;
    for (let i = 0; i < batch.messages.length; i += size) {
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = batch.messages.slice(i, i + size);
      if (handler) await this.onChunk(payload, handler, chunk);
      else payload.resolveOffset(chunk[chunk.length - 1].offset);
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
    }
  }

  /** Parses a batch; runs of valid events go to applyRun, each unreadable message to the dead-letter topic. */
  private async onChunk(
    batch: EachBatchPayload,
    handler: EventHandler<BaseEvent>,
    messages: KafkaMessage[],
  ): Promise<void> {
    let run: BatchItem[] = [];
    for (const message of messages) {
      const payload = this.messagePayload(batch, message);
      const raw = message.value?.toString('utf8') ?? '';
      let event: BaseEvent;
      try {
        event = this.parse(raw, handler.event);
      } catch (e) {
        await this.applyRun(batch, handler, run);
        run = [];
        const { topic, partition } = payload;
        await this.deadLetter(payload, raw, String(e), 0, { topic, partition, offset: message.offset });
        batch.resolveOffset(message.offset);
        continue;
      }
      run.push({ payload, event, raw, context: this.contextOf(payload, event) });
    }
    await this.applyRun(batch, handler, run);
  }

  /**
   * Applies consecutive valid events of one partition: their starts in one statement, then one transaction.
   * When one of them was started before and never finished (a crash), or the transaction fails, they are
   * handled one by one instead, with the retries, crash limit and dead-lettering of a single message.
   */
  private async applyRun(
    batch: EachBatchPayload,
    handler: EventHandler<BaseEvent>,
    run: BatchItem[],
  ): Promise<void> {
    if (run.length === 0) return;
    const items = await this.withoutIdle(handler, run);
    // Offsets move on in order: the idle events after the last busy one once that one is done.
    if (items.length > 0) await this.applyBusy(batch, handler, items);
    batch.resolveOffset(run[run.length - 1].payload.message.offset);
  }

  /** The events of `run` the handler has something to do for (all of them when it cannot tell). */
  private async withoutIdle(handler: EventHandler<BaseEvent>, run: BatchItem[]): Promise<BatchItem[]> {
    if (!handler.idle) return run;
    let idle: boolean[];
    try {
      idle = await handler.idle(run.map((i) => i.event));
    } catch (e) {
      this.logger.debug({ size: run.length, err: String(e) }, 'idle check failed; handling all');
      return run;
    }
    const busy = run.filter((_, k) => idle[k] !== true);
    for (let k = run.length - busy.length; k > 0; k--) this.count(run[0].payload.topic, 'idle');
    return busy;
  }

  private async applyBusy(
    batch: EachBatchPayload,
    handler: EventHandler<BaseEvent>,
    items: BatchItem[],
  ): Promise<void> {
    if (items.length === 1) {
      await this.handleOne(items[0].payload, handler, items[0].event, items[0].raw);
      batch.resolveOffset(items[0].payload.message.offset);
      return;
    }
    const { topic, partition } = batch.batch;
    const offsets = items.map((i) => i.payload.message.offset);
    const starts = await this.untilDone(items[0].payload, 'in-flight record', items[0].context, () =>
      this.inflight.startAll(
        topic,
        partition,
        items.map((i) => ({ offset: i.payload.message.offset, eventId: i.event.eventId })),
      ),
    );
    if (starts.some((n) => n > 1)) {
      // A batch the process died in: one by one, each start counted alone, so that only the message that
      // kills it reaches the crash limit, not its neighbours.
      await this.untilDone(items[0].payload, 'in-flight release', items[0].context, () =>
        this.inflight.releaseAll(topic, partition, offsets),
      );
      for (const item of items) {
        await this.handleOne(item.payload, handler, item.event, item.raw);
        batch.resolveOffset(item.payload.message.offset);
      }
      return;
    }
    let pending = items;
    try {
      try {
        const outcomes = await this.applyAll(items, handler);
        outcomes.forEach((applied) => this.count(topic, applied ? 'processed' : 'duplicate'));
        if (outcomes.includes(true) || handler.onDuplicate) this.options.afterCommit?.();
        pending = [];
        batch.resolveOffset(offsets[offsets.length - 1]);
        return;
      } catch (e) {
        this.logger.debug(
          { topic, partition, size: items.length, err: String(e) },
          'batch failed; one by one',
        );
      }
      // The batch rolled back: each message on its own, its start already counted.
      for (const [k, item] of items.entries()) {
        await this.process(item.payload, handler, item.event, item.raw, item.context);
        batch.resolveOffset(item.payload.message.offset);
        pending = items.slice(k + 1);
      }
    } catch (e) {
      // Not a crash: the consumer stopped or lost the partition while retrying (see handleOne).
      await this.inflight
        .releaseAll(
          topic,
          partition,
          pending.map((i) => i.payload.message.offset),
        )
        .catch(() => undefined);
      throw e;
    }
  }

  /** One message of a batch as its one-by-one steps see it (the batch's heartbeat and pause). */
  private messagePayload(batch: EachBatchPayload, message: KafkaMessage): EachMessagePayload {
    return {
      topic: batch.batch.topic,
      partition: batch.batch.partition,
      message,
      heartbeat: () => batch.heartbeat(),
      pause: () => batch.pause(),
    };
  }

  /** One valid event on its own: its start recorded, the crash limit checked, then applied. */
  private async handleOne(
    payload: EachMessagePayload,
    handler: EventHandler<BaseEvent>,
    event: BaseEvent,
    raw: string,
  ): Promise<void> {
    const { topic, partition, message } = payload;
    const at: MessagePosition = { topic, partition, offset: message.offset };
    const context = this.contextOf(payload, event);
    const starts = await this.untilDone(payload, 'in-flight record', context, () =>
      this.inflight.start(at, event.eventId),
    );
    const crashes = starts - 1;
    if (crashes >= (this.options.crashLimit ?? DEFAULT_CRASH_LIMIT)) {
      const reason = `crashed the consumer ${crashes} times`;
      this.logger.error({ ...context, crashes }, `event ${reason}; sent to the dead-letter topic unhandled`);
      await this.abandon(payload, handler, event, raw, reason, crashes, context);
      return;
    }
    try {
      await this.process(payload, handler, event, raw, context);
    } catch (e) {
      // Not a crash: the consumer stopped or lost the partition while retrying. Best effort, the database
      // may be what is down; a start left counted only brings the crash limit one start nearer.
      await this.inflight.release(at).catch(() => undefined);
      throw e;
    }
  }

  /**
   * Applies the event until it works. Infrastructure failures are retried for as long as they last (the
   * offset is not committed meanwhile); other failures up to maxAttempts, then the event is given up.
   */
  private async process(
    payload: EachMessagePayload,
    handler: EventHandler<BaseEvent>,
    event: BaseEvent,
    raw: string,
    context: LogContext,
  ): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? DEFAULT_ATTEMPTS;
    const retry = new RetryState(this.retryPolicy);
    let failures = 0;
    for (;;) {
      try {
        const { topic, partition, message } = payload;
        const applied = await this.apply(event, { topic, partition, offset: message.offset }, handler);
        this.count(payload.topic, applied ? 'processed' : 'duplicate');
        if (applied || handler.onDuplicate) this.options.afterCommit?.();
        this.noteRecovery(retry, 'event', context);
        return;
      } catch (e) {
        const transient = isTransientError(e);
        if (!transient) failures++;
        if (!transient && (e instanceof PermanentError || failures >= maxAttempts)) {
          this.logger.error(
            { ...context, attempt: retry.attempts + 1, err: String(e) },
            'event failed; sent to the dead-letter topic',
          );
          await this.abandon(payload, handler, event, raw, String(e), retry.attempts + 1, context);
          return;
        }
        await this.retryAfter(payload, retry, 'event', context, e);
      }
    }
  }

  /** Dead-letters the message, runs the give-up hook, and only then lets its offset move on. */
  private async abandon(
    payload: EachMessagePayload,
    handler: EventHandler<BaseEvent>,
    event: BaseEvent,
    raw: string,
    reason: string,
    attempts: number,
    context: LogContext,
  ): Promise<void> {
    await this.deadLetter(payload, raw, reason, attempts, context);
    await this.giveUp(payload, handler, event, reason, context);
    const { topic, partition, message } = payload;
    await this.untilDone(payload, 'in-flight cleanup', context, () =>
      this.inflight.forget({ topic, partition, offset: message.offset }),
    );
  }

  /**
   * Runs the handler's give-up hook (then `afterCommit`). Infrastructure failures are retried: the hook
   * makes the event's subject fail visibly, so an outage of what it needs must not skip it.
   */
  private async giveUp(
    payload: EachMessagePayload,
    handler: EventHandler<BaseEvent>,
    event: BaseEvent,
    reason: string,
    context: LogContext,
  ): Promise<void> {
    if (!handler.onGiveUp) return;
    await this.untilDone(payload, 'give-up hook', context, async () => {
      try {
        await handler.onGiveUp?.(event, reason);
      } catch (e) {
        if (isTransientError(e)) throw e;
        this.logger.error({ ...context, err: String(e) }, 'give-up hook failed');
      }
    });
    this.options.afterCommit?.();
  }

  /** Runs `step` until it succeeds, whatever it throws: what it does may not be skipped. */
  private async untilDone<T>(
    payload: EachMessagePayload,
    what: string,
    context: LogContext,
    step: () => Promise<T>,
  ): Promise<T> {
    const retry = new RetryState(this.retryPolicy);
    for (;;) {
      try {
        const result = await step();
        this.noteRecovery(retry, what, context);
        return result;
      } catch (e) {
        await this.retryAfter(payload, retry, what, context, e);
      }
    }
  }

  /**
   * Logs (rate-limited) and waits before the next try, heartbeating so the member keeps its partitions.
   * Throws, leaving the offset uncommitted, when the consumer stops or the group rebalances meanwhile
   * (kafkajs' heartbeat throws then).
   */
  private async retryAfter(
    payload: EachMessagePayload,
    retry: RetryState,
    what: string,
    context: LogContext,
    e: unknown,
  ): Promise<void> {
    const transient = isTransientError(e);
    this.metrics
      .counter(
        'careplan_kafka_consumer_retries_total',
        'Tries of a message step that failed and were retried',
        ['consumer', 'topic', 'kind'],
      )
      .inc({ consumer: this.options.name, topic: payload.topic, kind: transient ? 'transient' : 'failure' });
    if (retry.failed()) {
      const fields = {
        ...context,
        attempt: retry.attempts,
        failingForMs: retry.elapsedMs(),
        transient,
        err: String(e),
      };
      const message = `${what} failed; retrying (logged again in ${this.retryPolicy.logEveryMs / 1000} s at most)`;
      if (transient) this.logger.warn(fields, message);
      else this.logger.error(fields, message);
    }
    await waitOrStop(retry.nextDelayMs(), this.stopping.signal);
    await payload.heartbeat();
  }

  private noteRecovery(retry: RetryState, what: string, context: LogContext): void {
    if (retry.attempts === 0) return;
    this.logger.log(
      { ...context, attempts: retry.attempts + 1, failedForMs: retry.elapsedMs() },
      `${what} succeeded after retries`,
    );
  }

  private contextOf(payload: EachMessagePayload, event: BaseEvent): LogContext {
    // JSON log fields: operators search by submission id across all services.
    return {
      eventId: event.eventId,
      submissionId: submissionIdOf(event),
      topic: payload.topic,
      partition: payload.partition,
      offset: payload.message.offset,
    };
  }

  private parse(raw: string, cls: EventClass): BaseEvent {
    const checked = payloadCheck(cls)(JSON.parse(raw));
    if (checked.error !== undefined) throw new PermanentError(`invalid ${cls.name}: ${checked.error}`);
    return checked.value;
  }

  /**
   * Applies a batch of one partition's events in one transaction: the processed-event rows in one statement
   * (which also clears their in-flight rows), then in order each new event's handler, or onDuplicate for one
   * already processed (or seen earlier in the batch). Returns, per event, whether it was applied.
   */
  private applyAll(items: BatchItem[], handler: EventHandler<BaseEvent>): Promise<boolean[]> {
    const { topic, partition } = items[0].payload;
    return this.dataSource.transaction(async (manager) => {
      if (this.options.idempotentEffects) {
        await manager.query(
          `DELETE FROM ${this.inflight.table}
            WHERE consumer = $1 AND topic = $2 AND partition = $3 AND "offset" = ANY($4::bigint[])`,
          [this.options.name, topic, partition, items.map((i) => i.payload.message.offset)],
        );
        const events = items.map((i) => i.event);
        if (handler.handleAll) await handler.handleAll(events, manager);
        else for (const event of events) await handler.handle(event, manager);
        return items.map(() => true);
      }
      const inserted = await manager.query<{ event_id: string }[]>(
        `WITH finished AS (
           DELETE FROM ${this.inflight.table}
            WHERE consumer = $1 AND topic = $2 AND partition = $3 AND "offset" = ANY($4::bigint[])
         )
         INSERT INTO "${this.options.schema}"."processed_events" (consumer, event_id, topic)
         SELECT $1, e, $2 FROM unnest($5::uuid[]) AS e ON CONFLICT DO NOTHING RETURNING event_id`,
        [
          this.options.name,
          topic,
          partition,
          items.map((i) => i.payload.message.offset),
          items.map((i) => i.event.eventId),
        ],
      );
      const fresh = new Set(inserted.map((r) => r.event_id.toLowerCase()));
      const applied: boolean[] = [];
      for (const { event } of items) {
        if (fresh.delete(event.eventId.toLowerCase())) {
          await handler.handle(event, manager);
          applied.push(true);
        } else {
          await handler.onDuplicate?.(event, manager);
          applied.push(false);
        }
      }
      return applied;
    });
  }

  /**
   * Returns false when the event had already been processed by this consumer (then only its onDuplicate
   * runs). The same statement that
   * records the event id clears the message's in-flight row: both commit, or neither, with the effect.
   */
  private apply(event: BaseEvent, at: MessagePosition, handler: EventHandler<BaseEvent>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (this.options.idempotentEffects) {
        await manager.query(
          `DELETE FROM ${this.inflight.table}
            WHERE consumer = $1 AND topic = $2 AND partition = $3 AND "offset" = $4`,
          [this.options.name, at.topic, at.partition, at.offset],
        );
        await handler.handle(event, manager);
        return true;
      }
      const inserted = await manager.query<unknown[]>(
        `WITH finished AS (
           DELETE FROM ${this.inflight.table}
            WHERE consumer = $1 AND topic = $3 AND partition = $4 AND "offset" = $5
         )
         INSERT INTO "${this.options.schema}"."processed_events" (consumer, event_id, topic)
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.name, event.eventId, at.topic, at.partition, at.offset],
      );
      if (inserted.length === 0) {
        await handler.onDuplicate?.(event, manager);
        return false;
      }
      await handler.handle(event, manager);
      return true;
    });
  }

  /** Sends the original message to `<topic>.dlq`, retried until it is sent: the offset moves on after it. */
  private async deadLetter(
    payload: EachMessagePayload,
    value: string,
    reason: string,
    attempts: number,
    context: LogContext,
  ): Promise<void> {
    const { topic, partition, message } = payload;
    const original = topic.slice(this.kafka.options.topicPrefix.length);
    const headers: IHeaders = {
      'x-error': reason.slice(0, 2000),
      'x-attempts': String(attempts),
      'x-consumer': this.options.name,
      'x-original-topic': topic,
      'x-original-partition': String(partition),
      'x-original-offset': message.offset,
      'x-failed-at': new Date().toISOString(),
    };
    await this.untilDone(payload, 'dead-letter send', context, () =>
      this.kafka.send(dlqTopicOf(original), [{ key: message.key, value, headers }]),
    );
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
