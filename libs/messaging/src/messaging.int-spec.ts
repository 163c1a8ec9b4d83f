import { randomBytes, randomUUID } from 'node:crypto';
import { IsString } from 'class-validator';
import { Consumer, KafkaMessage } from 'kafkajs';
import { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { migratedDataSource } from '@careplan/persistence';
import { BaseEvent, dlqTopicOf } from '@careplan/contracts';
import { MetricsService } from '@careplan/platform';
import {
  consumerCaughtUp,
  createTestDatabase,
  eventually,
  kafkaBrokers,
  TestDatabase,
} from '@careplan/testing';
import { EventConsumer, PermanentError } from './event-consumer';
import { isTransientError } from '@careplan/platform';
import { KafkaService } from './kafka.service';
import { createConsumerInflightTable, createMessagingTables } from './messaging.tables';
import { addToOutbox, OutboxRelay } from './outbox';

class PingEvent extends BaseEvent {
  static readonly topic = 'careplan.test.ping.v1';
  @IsString() text!: string;
}

const SCHEMA = 'it_messaging';

class ItMessaging1764000000000 implements MigrationInterface {
  name = 'ItMessaging1764000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "${SCHEMA}"."effects" (consumer text NOT NULL, event_id uuid NOT NULL, text text NOT NULL)`,
    );
    await createMessagingTables(q, SCHEMA);
    await createConsumerInflightTable(q, SCHEMA);
  }
  async down(): Promise<void> {}
}

const ping = (text: string): PingEvent =>
  Object.assign(new PingEvent(), { eventId: randomUUID(), occurredAt: new Date().toISOString(), text });

describe('messaging on the real Kafka and PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let kafka: KafkaService;
  const run = randomBytes(4).toString('hex');
  const consumers: (EventConsumer | Consumer)[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [
      { schema: SCHEMA, entities: [], migrations: [ItMessaging1764000000000] },
    ]);
    kafka = new KafkaService({
      brokers: kafkaBrokers(),
      clientId: 'it-messaging',
      topicPrefix: `it${run}.`,
      groupPrefix: `it${run}`,
      topics: [PingEvent.topic],
      partitions: 1,
    });
    await kafka.onModuleInit();
  });

  afterAll(async () => {
    for (const c of consumers) await (c instanceof EventConsumer ? c.stop() : c.disconnect());
    await kafka.onApplicationShutdown();
    await ds.destroy();
    await db.drop();
  });

  /** Collects what arrives on a topic from its beginning. */
  async function collect(topic: string): Promise<KafkaMessage[]> {
    const seen: KafkaMessage[] = [];
    const consumer = kafka.kafka.consumer({ groupId: `it${run}.collect.${randomUUID()}` });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: kafka.topic(topic), fromBeginning: true });
    await consumer.run({ eachMessage: ({ message }) => Promise.resolve(void seen.push(message)) });
    return seen;
  }

  interface TestConsumerOptions {
    maxAttempts?: number;
    onGiveUp?: (e: PingEvent, reason: string) => Promise<void>;
    onDuplicate?: (e: PingEvent, m: EntityManager) => Promise<void>;
    idle?: (es: PingEvent[]) => Promise<boolean[]>;
  }

  function consumer(
    name: string,
    handle: (e: PingEvent, m: EntityManager) => Promise<void> | void,
    { maxAttempts = 5, onGiveUp, onDuplicate, idle }: TestConsumerOptions = {},
  ): EventConsumer {
    const c = new EventConsumer(kafka, ds, new MetricsService('it'), {
      name,
      schema: SCHEMA,
      maxAttempts,
      // Short delays keep the tests quick; the doubling and the cap are what production uses.
      retry: { baseDelayMs: 50, maxDelayMs: 400 },
      handlers: [
        {
          event: PingEvent,
          handle: async (e: PingEvent, m) => {
            await handle(e, m);
            await m.query(
              `INSERT INTO "${SCHEMA}"."effects" (consumer, event_id, text) VALUES ($1, $2, $3)`,
              [name, e.eventId, e.text],
            );
          },
          onGiveUp,
          onDuplicate,
          idle,
        },
      ],
    });
    consumers.push(c);
    return c;
  }

  /** What one consumer applied, in the order it applied it. */
  const effectsOf = (name: string) => async (): Promise<string[]> =>
    (
      await ds.query<{ text: string }[]>(
        `SELECT text FROM "${SCHEMA}"."effects" WHERE consumer = $1 ORDER BY ctid`,
        [name],
      )
    ).map((r) => r.text);

  /** Until the consumer `name` has handled and committed everything on the ping topic so far. */
  const caughtUp = (name: string) =>
    consumerCaughtUp(kafka.kafka, kafka.groupId(name), [kafka.topic(PingEvent.topic)]);

  it('publishes outbox rows in commit order and removes them', async () => {
    const events = ['o1', 'o2', 'o3'].map(ping);
    await ds.transaction(async (m) => {
      for (const e of events) await addToOutbox(m, SCHEMA, PingEvent, 'pair-1', e);
    });
    const relay = new OutboxRelay(ds, kafka, SCHEMA);
    expect(await relay.publishBatch()).toBe(3);
    expect(await relay.publishBatch()).toBe(0);
    const seen = await collect(PingEvent.topic);
    const texts = await eventually(
      () => Promise.resolve(seen.map((m) => (JSON.parse(m.value!.toString()) as PingEvent).text)),
      (t) => t.length >= 3,
    );
    expect(texts.slice(0, 3)).toEqual(['o1', 'o2', 'o3']);
    expect(seen[0].key?.toString()).toBe('pair-1');
  });

  it('applies an event delivered twice only once', async () => {
    const e = ping('twice');
    const value = JSON.stringify(e);
    await kafka.send(PingEvent.topic, [
      { key: 'k', value },
      { key: 'k', value },
    ]);
    const c = consumer('idem', () => undefined);
    const effects = effectsOf('idem');
    await c.start();
    await eventually(effects, (t) => t.includes('twice'));
    // Both copies handled and committed: a second effect, had there been one, is in the table by now.
    await caughtUp('idem');
    expect((await effects()).filter((t) => t === 'twice')).toHaveLength(1);
    const processed = await ds.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM "${SCHEMA}"."processed_events" WHERE consumer = 'idem' AND event_id = $1`,
      [e.eventId],
    );
    expect(Number(processed[0].n)).toBe(1);
  });

  it('sends poison and permanently failing messages to the .dlq without blocking the partition', async () => {
    const dlq = await collect(dlqTopicOf(PingEvent.topic));
    await kafka.send(PingEvent.topic, [
      { key: 'p', value: '{not json' },
      { key: 'p', value: JSON.stringify({ eventId: 'x', text: 1 }) },
      { key: 'p', value: JSON.stringify(ping('always-fails')) },
      { key: 'p', value: JSON.stringify(ping('flaky')) },
      { key: 'p', value: JSON.stringify(ping('after')) },
    ]);
    let flakyCalls = 0;
    const c = consumer(
      'poison',
      (e) => {
        if (e.text === 'always-fails') throw new PermanentError('cannot ever work');
        if (e.text === 'flaky' && ++flakyCalls < 2) throw new Error('transient');
      },
      { maxAttempts: 3 },
    );
    const effects = effectsOf('poison');
    await c.start();
    await eventually(effects, (t) => t.includes('after'));
    // Earlier tests' events are on the topic too; this consumer's last three effects are this test's.
    expect((await effects()).slice(-2)).toEqual(['flaky', 'after']);
    expect(await effects()).not.toContain('always-fails');
    const dead = await eventually(
      () => Promise.resolve(dlq.filter((m) => m.headers?.['x-consumer']?.toString() === 'poison')),
      (d) => d.length >= 3,
    );
    const reasons = dead.map((m) => m.headers?.['x-error']?.toString() ?? '');
    expect(reasons.some((r) => r.includes('JSON'))).toBe(true);
    expect(reasons.some((r) => r.includes('invalid PingEvent'))).toBe(true);
    expect(reasons.some((r) => r.includes('cannot ever work'))).toBe(true);
    expect(dead[0].headers?.['x-original-topic']?.toString()).toBe(kafka.topic(PingEvent.topic));
  });

  /** What a connection to a database that is down throws (the code is what the classifier reads). */
  const refused = (): Error =>
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

  /** Copies of one event a consumer sent to the dead-letter topic (earlier tests' poison is there too). */
  const deadLettersOf = (dlq: KafkaMessage[], name: string, e: PingEvent) => (): KafkaMessage[] =>
    dlq.filter(
      (m) => m.headers?.['x-consumer']?.toString() === name && m.value?.toString().includes(e.eventId),
    );

  it('retries an infrastructure failure until it is over, not maxAttempts times, and applies the event once', async () => {
    const dlq = await collect(dlqTopicOf(PingEvent.topic));
    const e = ping('outage');
    await kafka.send(PingEvent.topic, [{ key: 'o', value: JSON.stringify(e) }]);
    let calls = 0;
    let outageUntil = 0;
    const c = consumer(
      'outage',
      (event) => {
        if (event.eventId !== e.eventId) return;
        calls++;
        outageUntil ||= Date.now() + 2000;
        if (Date.now() < outageUntil) throw refused();
      },
      { maxAttempts: 2 },
    );
    expect(isTransientError(refused())).toBe(true);
    const effects = effectsOf('outage');
    await c.start();
    await eventually(effects, (t) => t.includes('outage'), 15000);
    await caughtUp('outage');
    expect((await effects()).filter((t) => t === 'outage')).toHaveLength(1);
    expect(calls).toBeGreaterThan(3);
    expect(deadLettersOf(dlq, 'outage', e)()).toHaveLength(0);
  });

  it('leaves a message it is still retrying uncommitted when it stops, for the next owner to apply', async () => {
    const dlq = await collect(dlqTopicOf(PingEvent.topic));
    const e = ping('handed-over');
    await kafka.send(PingEvent.topic, [{ key: 'h', value: JSON.stringify(e) }]);
    let tries = 0;
    const first = consumer('handover', (event) => {
      if (event.eventId !== e.eventId) return;
      tries++;
      throw refused();
    });
    await first.start();
    await eventually(
      () => tries,
      (n) => n >= 8,
      15000,
    );
    const stopping = Date.now();
    await first.stop();
    expect(Date.now() - stopping).toBeLessThan(5000);
    const effects = effectsOf('handover');
    expect(await effects()).not.toContain('handed-over');
    const second = consumer('handover', () => undefined);
    await second.start();
    await eventually(effects, (t) => t.includes('handed-over'), 20000);
    expect(deadLettersOf(dlq, 'handover', e)()).toHaveLength(0);
  });

  it('stops promptly when stop comes while a retried message is mid-try, not waiting', async () => {
    const e = ping('mid-try');
    await kafka.send(PingEvent.topic, [{ key: 'm', value: JSON.stringify(e) }]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let tries = 0;
    const c = consumer('mid-try', async (event) => {
      if (event.eventId !== e.eventId) return;
      tries++;
      if (tries === 3) {
        entered();
        await gate; // stop() is called while this try runs
      }
      throw refused();
    });
    await c.start();
    await inside;
    const stopping = Date.now();
    const stopped = c.stop();
    release();
    await stopped;
    expect(Date.now() - stopping).toBeLessThan(5000);
    expect(tries).toBe(3);
    expect(await effectsOf('mid-try')()).not.toContain('mid-try');
  });

  it('gives up on a failure of the work itself, whatever infrastructure retries came before it', async () => {
    const dlq = await collect(dlqTopicOf(PingEvent.topic));
    const e = ping('broken');
    await kafka.send(PingEvent.topic, [{ key: 'b', value: JSON.stringify(e) }]);
    let calls = 0;
    const givenUp: string[] = [];
    const c = consumer(
      'broken',
      (event) => {
        if (event.eventId !== e.eventId) return;
        if (++calls <= 3) throw refused();
        throw new PermanentError('the bundle cannot be read');
      },
      {
        maxAttempts: 3,
        onGiveUp: (event, reason) => Promise.resolve(void givenUp.push(`${event.text}: ${reason}`)),
      },
    );
    await c.start();
    const dead = await eventually(deadLettersOf(dlq, 'broken', e), (d) => d.length >= 1, 15000);
    expect(dead[0].headers?.['x-error']?.toString()).toContain('the bundle cannot be read');
    await eventually(
      () => givenUp,
      (g) => g.length >= 1,
    );
    expect(givenUp).toEqual(['broken: Error: the bundle cannot be read']);
    expect(calls).toBe(4);
    expect(await effectsOf('broken')()).not.toContain('broken');
  });

  it('retries a give-up hook that meets an outage until it has run', async () => {
    const dlq = await collect(dlqTopicOf(PingEvent.topic));
    const e = ping('hook-outage');
    await kafka.send(PingEvent.topic, [{ key: 'g', value: JSON.stringify(e) }]);
    let hookCalls = 0;
    const c = consumer(
      'hook',
      (event) => {
        if (event.eventId === e.eventId) throw new PermanentError('invalid bundle');
      },
      {
        onGiveUp: async (event) => {
          if (++hookCalls <= 3) throw refused();
          await ds.query(
            `INSERT INTO "${SCHEMA}"."effects" (consumer, event_id, text) VALUES ('hook', $1, 'given up')`,
            [event.eventId],
          );
        },
      },
    );
    await c.start();
    await eventually(effectsOf('hook'), (t) => t.includes('given up'), 15000);
    expect(hookCalls).toBe(4);
    expect(await eventually(deadLettersOf(dlq, 'hook', e), (d) => d.length >= 1)).toHaveLength(1);
  });

  /** The offset the next message sent to the (single-partition) ping topic will get. */
  async function nextOffset(): Promise<string> {
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      const [p] = await admin.fetchTopicOffsets(kafka.topic(PingEvent.topic));
      return p.high;
    } finally {
      await admin.disconnect();
    }
  }

  const inflightRows = (name: string): Promise<{ offset: string; starts: number }[]> =>
    ds.query(`SELECT "offset", starts FROM "${SCHEMA}"."consumer_inflight" WHERE consumer = $1`, [name]);

  it('dead-letters unhandled a message that crashed the consumer as often as the crash limit', async () => {
    const dlq = await collect(dlqTopicOf(PingEvent.topic));
    const e = ping('crasher');
    const offset = await nextOffset();
    // Three earlier processes started this message and died in its handler (as an OOM would).
    await ds.query(
      `INSERT INTO "${SCHEMA}"."consumer_inflight" (consumer, topic, partition, "offset", event_id, starts)
       VALUES ('crash', $1, 0, $2, $3, 3)`,
      [kafka.topic(PingEvent.topic), offset, e.eventId],
    );
    await kafka.send(PingEvent.topic, [
      { key: 'c', value: JSON.stringify(e) },
      { key: 'c', value: JSON.stringify(ping('after-crasher')) },
    ]);
    const handled: string[] = [];
    const givenUp: string[] = [];
    const c = consumer('crash', (event) => void handled.push(event.text), {
      onGiveUp: (event, reason) => Promise.resolve(void givenUp.push(`${event.text}: ${reason}`)),
    });
    await c.start();
    const dead = await eventually(deadLettersOf(dlq, 'crash', e), (d) => d.length >= 1, 15000);
    expect(dead[0].headers?.['x-error']?.toString()).toBe('crashed the consumer 3 times');
    expect(dead[0].headers?.['x-original-offset']?.toString()).toBe(offset);
    await eventually(effectsOf('crash'), (t) => t.includes('after-crasher'), 15000);
    expect(handled).not.toContain('crasher');
    expect(givenUp).toEqual(['crasher: crashed the consumer 3 times']);
    expect(await inflightRows('crash')).toEqual([]);
  });

  it('counts a start of a message in flight and clears it with the effect', async () => {
    const e = ping('in-flight');
    const offset = await nextOffset();
    await kafka.send(PingEvent.topic, [{ key: 'f', value: JSON.stringify(e) }]);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const c = consumer('inflight', (event) => (event.eventId === e.eventId ? held : undefined));
    await c.start();
    try {
      // While the handler runs, the message is on record as started once, as a crash now would leave it.
      const during = await eventually(
        async () => (await inflightRows('inflight')).filter((r) => r.offset === offset),
        (rows) => rows.length > 0,
        15000,
      );
      expect(during).toEqual([{ offset, starts: 1 }]);
    } finally {
      release();
    }
    await eventually(effectsOf('inflight'), (t) => t.includes('in-flight'), 15000);
    expect(await inflightRows('inflight')).toEqual([]);
  });

  it('hands a redelivered event to onDuplicate, inside the transaction, instead of applying it again', async () => {
    const e = ping('redelivered');
    const value = JSON.stringify(e);
    await kafka.send(PingEvent.topic, [
      { key: 'd', value },
      { key: 'd', value },
    ]);
    const c = consumer('dup', () => undefined, {
      onDuplicate: async (event, m) => {
        if (event.eventId !== e.eventId) return;
        await m.query(
          `INSERT INTO "${SCHEMA}"."effects" (consumer, event_id, text) VALUES ('dup', $1, 'seen again')`,
          [event.eventId],
        );
      },
    });
    const effects = effectsOf('dup');
    await c.start();
    await eventually(effects, (t) => t.includes('seen again'), 15000);
    expect((await effects()).filter((t) => t === 'redelivered' || t === 'seen again')).toEqual([
      'redelivered',
      'seen again',
    ]);
  });

  it('applies what one fetch brings in few transactions, in order, each event once', async () => {
    const events = Array.from({ length: 40 }, (_, i) => ping(`batched-${i}`));
    // The first event twice in the same batch: applied once, then seen as a duplicate.
    await kafka.send(
      PingEvent.topic,
      [...events, events[0]].map((e) => ({ key: 'bt', value: JSON.stringify(e) })),
    );
    const ids = new Set(events.map((e) => e.eventId));
    const transactions = new Set<string>();
    const c = consumer('batched', async (e, m) => {
      if (!ids.has(e.eventId)) return;
      const [{ txid }] = await m.query<{ txid: string }[]>(`SELECT txid_current()::text AS txid`);
      transactions.add(txid);
    });
    const effects = effectsOf('batched');
    await c.start();
    await eventually(effects, (t) => t.includes('batched-39'), 15000);
    await caughtUp('batched');
    expect((await effects()).filter((t) => t.startsWith('batched-'))).toEqual(events.map((e) => e.text));
    // Sent before the consumer started, the 40 come in one or a few fetches: far fewer transactions.
    expect(transactions.size).toBeLessThanOrEqual(5);
  });

  it('gives an idempotent-effects handler a batch at once through handleAll, and one by one after a failure', async () => {
    const events = Array.from({ length: 30 }, (_, i) => ping(`whole-${i}`));
    await kafka.send(
      PingEvent.topic,
      events.map((e) => ({ key: 'wh', value: JSON.stringify(e) })),
    );
    const ids = new Set(events.map((e) => e.eventId));
    const sizes: number[] = [];
    let failOnce = true;
    const insert = (m: EntityManager, es: PingEvent[]) =>
      m.query(
        `INSERT INTO "${SCHEMA}"."effects" (consumer, event_id, text)
         SELECT 'whole', e, t FROM unnest($1::uuid[], $2::text[]) AS x(e, t)`,
        [es.map((e) => e.eventId), es.map((e) => e.text)],
      );
    const c = new EventConsumer(kafka, ds, new MetricsService('it'), {
      name: 'whole',
      schema: SCHEMA,
      idempotentEffects: true,
      retry: { baseDelayMs: 50, maxDelayMs: 400 },
      handlers: [
        {
          event: PingEvent,
          handle: (e: PingEvent, m) => insert(m, [e]),
          handleAll: async (es: PingEvent[], m) => {
            const mine = es.filter((e) => ids.has(e.eventId));
            sizes.push(mine.length);
            // The first batch fails after its effect: rolled back, then applied one by one through handle.
            if (failOnce && mine.length > 0) {
              failOnce = false;
              await insert(m, es);
              throw new Error('batch effect failed');
            }
            await insert(m, es);
          },
        },
      ],
    });
    consumers.push(c);
    const effects = effectsOf('whole');
    await c.start();
    await eventually(effects, (t) => t.includes('whole-29'), 15000);
    await caughtUp('whole');
    expect((await effects()).filter((t) => t.startsWith('whole-'))).toEqual(events.map((e) => e.text));
    expect(Math.max(...sizes)).toBeGreaterThan(1);
  });

  it('passes over the events its handler calls idle without a transaction or a processed-event row', async () => {
    const events = Array.from({ length: 12 }, (_, i) => ping(i % 3 === 0 ? `busy-${i}` : `idle-${i}`));
    await kafka.send(
      PingEvent.topic,
      events.map((e) => ({ key: 'id', value: JSON.stringify(e) })),
    );
    const ids = new Set(events.map((e) => e.eventId));
    let failOnce = true;
    const c = consumer('idle', () => undefined, {
      idle: (es) => {
        // A failing check handles all of them: still each busy one once, and the idle ones are harmless.
        if (failOnce && es.some((e) => ids.has(e.eventId))) {
          failOnce = false;
          return Promise.reject(new Error('check failed'));
        }
        return Promise.resolve(es.map((e) => e.text.startsWith('idle-')));
      },
    });
    const effects = effectsOf('idle');
    await c.start();
    await caughtUp('idle');
    const applied = (await effects()).filter((t) => t.startsWith('busy-') || t.startsWith('idle-'));
    expect(applied.filter((t) => t.startsWith('busy-'))).toEqual(['busy-0', 'busy-3', 'busy-6', 'busy-9']);
    // Each idle one was handled at most once (by the failed check's fallback) and has no row unless handled.
    const rows = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${SCHEMA}"."processed_events" WHERE consumer = 'idle' AND event_id = ANY($1::uuid[])`,
      [events.filter((e) => e.text.startsWith('idle-')).map((e) => e.eventId)],
    );
    expect(rows[0].n).toBe(applied.filter((t) => t.startsWith('idle-')).length);
    expect(await inflightRows('idle')).toEqual([]);
  });

  it('handles a batch with a failing event one by one: the others once and in order, that one dead-lettered', async () => {
    const dlq = await collect(dlqTopicOf(PingEvent.topic));
    const events = ['fb-1', 'fb-2', 'fb-bad', 'fb-3'].map(ping);
    await kafka.send(
      PingEvent.topic,
      events.map((e) => ({ key: 'fb', value: JSON.stringify(e) })),
    );
    const calls = new Map<string, number>();
    const c = consumer('fallback', (e) => {
      calls.set(e.text, (calls.get(e.text) ?? 0) + 1);
      if (e.text === 'fb-bad') throw new PermanentError('cannot ever work');
    });
    const effects = effectsOf('fallback');
    await c.start();
    await eventually(effects, (t) => t.includes('fb-3'), 15000);
    await caughtUp('fallback');
    expect((await effects()).filter((t) => t.startsWith('fb-'))).toEqual(['fb-1', 'fb-2', 'fb-3']);
    expect(await eventually(deadLettersOf(dlq, 'fallback', events[2]), (d) => d.length >= 1)).toHaveLength(1);
    // The rolled-back batch tried fb-bad once, then it failed on its own at once (a PermanentError).
    expect(calls.get('fb-bad')).toBe(2);
  });

  it('after a crash inside a batch, dead-letters only the message at the crash limit, not its neighbours', async () => {
    const dlq = await collect(dlqTopicOf(PingEvent.topic));
    const events = ['cb-before', 'cb-crasher', 'cb-after'].map(ping);
    const first = Number(await nextOffset());
    // As earlier processes left them: the batch died once with all three started, and the crasher twice more
    // on its own.
    for (const [i, e] of events.entries()) {
      await ds.query(
        `INSERT INTO "${SCHEMA}"."consumer_inflight" (consumer, topic, partition, "offset", event_id, starts)
         VALUES ('crash-batch', $1, 0, $2, $3, $4)`,
        [kafka.topic(PingEvent.topic), String(first + i), e.eventId, i === 1 ? 3 : 1],
      );
    }
    await kafka.send(
      PingEvent.topic,
      events.map((e) => ({ key: 'cb', value: JSON.stringify(e) })),
    );
    const handled: string[] = [];
    const c = consumer('crash-batch', (event) => void handled.push(event.text));
    await c.start();
    const dead = await eventually(deadLettersOf(dlq, 'crash-batch', events[1]), (d) => d.length >= 1, 15000);
    expect(dead[0].headers?.['x-error']?.toString()).toBe('crashed the consumer 3 times');
    await eventually(effectsOf('crash-batch'), (t) => t.includes('cb-after'), 15000);
    expect(handled.filter((t) => t.startsWith('cb-'))).toEqual(['cb-before', 'cb-after']);
    expect(deadLettersOf(dlq, 'crash-batch', events[0])()).toHaveLength(0);
    expect(await inflightRows('crash-batch')).toEqual([]);
  });
});
