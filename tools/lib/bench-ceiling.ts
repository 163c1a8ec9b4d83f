// The machine's own ceiling for the pipeline benchmark (tools/bench-pipeline.ts): the least durable work the
// pipeline's guarantees need, on the same bundles, written with plain pg and kafkajs and batched as far as
// they allow. Per accepted bundle, one statement (one transaction) stores the bytes, the submission, its files
// and its outbox row, with the per-pair sequence under the pair's row lock; a relay publishes the outbox in
// batches with an idempotent producer; four consumer groups, as the pipeline has stages — validator (reads the
// bytes, MS932 decode + CSV parse with libs/spec), router (the inbox entry), archive (the history row) and the
// gateway's projection (delivered) — each take what Kafka hands them (eachBatch), and write the processed-event
// rows, the effects and the next event's outbox rows in one statement per batch before committing the offsets.
// Not in it: HTTP and multipart, API keys, the spec's rules beyond parsing, logs and metrics.
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel, Partitioners, type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import { Client, Pool } from 'pg';
import { isStandardCsvName, parseRecords } from '@careplan/spec';
import type { BenchBundle, Pair } from './bench-bundle';
import { latency, rate, round, type Latency } from './bench-stats';

export interface CeilingOptions {
  /** Where the ceiling's tables go: a database of its own, so pg_stat_database counts its work alone. */
  databaseUrl: string;
  brokers: string[];
  /** Topic and group names start with these (the run's prefixes), so the run's cleanup removes them. */
  topicPrefix: string;
  groupPrefix: string;
  partitions: number;
  /** Largest batch a consumer writes in one transaction. */
  maxBatch?: number;
}

export interface CeilingResult {
  accept: { seconds: number; bundlesPerSec: number; latencyMs: Latency };
  endToEnd: { latencyMs: Latency; delivered: number; deliveredBundlesPerSec: number };
  checks: { deliveredExactlyOnce: string; order: string };
  ok: boolean;
}

interface Received {
  eventId: string;
  submissionId: string;
  sender: string;
  receiver: string;
  sequence: number;
}
interface Validated extends Received {
  insuredNumbers: string[];
}

const STAGES = ['received', 'validated', 'delivered'] as const;

const SCHEMA_SQL = `
  CREATE TABLE pairs (sender text, receiver text, last_sequence int NOT NULL, PRIMARY KEY (sender, receiver));
  CREATE TABLE blobs (sha256 bytea PRIMARY KEY, bytes bytea NOT NULL);
  CREATE TABLE submissions (id uuid PRIMARY KEY, sender text NOT NULL, receiver text NOT NULL,
    sequence int NOT NULL, status text NOT NULL, delivered_at timestamptz);
  CREATE TABLE files (submission_id uuid, position int, name text NOT NULL, sha256 bytea NOT NULL,
    size int NOT NULL, PRIMARY KEY (submission_id, position));
  CREATE TABLE outbox (id bigserial PRIMARY KEY, topic text NOT NULL, key text NOT NULL, payload jsonb NOT NULL);
  CREATE TABLE processed_events (consumer text, event_id uuid, PRIMARY KEY (consumer, event_id));
  CREATE TABLE verdicts (submission_id uuid PRIMARY KEY, records int NOT NULL);
  CREATE TABLE inbox (n bigserial PRIMARY KEY, receiver text NOT NULL, sequence int NOT NULL,
    submission_id uuid NOT NULL UNIQUE);
  CREATE TABLE history (submission_id uuid PRIMARY KEY, insured_numbers jsonb NOT NULL);`;

/** The processed-event rows of a batch; `fresh` is what the effects of the same statement join on. */
const fresh = (consumer: string) => `
  input AS (SELECT * FROM jsonb_to_recordset($1::jsonb)
            AS x(ord int, event_id uuid, submission_id uuid, sender text, receiver text, sequence int,
                 records int, insured jsonb, payload jsonb)),
  fresh AS (INSERT INTO processed_events (consumer, event_id) SELECT '${consumer}', event_id FROM input
            ON CONFLICT DO NOTHING RETURNING event_id),
  todo AS (SELECT input.* FROM input JOIN fresh USING (event_id))`;

export class Ceiling {
  private readonly pool: Pool;
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly consumers: Consumer[] = [];
  private readonly topics: Record<(typeof STAGES)[number], string>;
  private readonly acceptedAt = new Map<string, number>();
  private readonly deliveredAt = new Map<string, number>();
  private readonly recorded = new Set<string>();
  private onProgress: () => void = () => undefined;
  private relayRunning = false;
  private relayLoop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly maxBatch: number;

  constructor(private readonly options: CeilingOptions) {
    this.pool = new Pool({ connectionString: options.databaseUrl, max: 24 });
    this.kafka = new Kafka({ brokers: options.brokers, clientId: 'bench-ceiling', logLevel: logLevel.WARN });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.topics = Object.fromEntries(
      STAGES.map((s) => [s, `${options.topicPrefix}ceiling.${s}`]),
    ) as Ceiling['topics'];
    this.maxBatch = options.maxBatch ?? 100;
  }

  /** Tables, topics, the producer and the four consumer groups (joined), before any clock starts. */
  async setUp(): Promise<void> {
    // On a client of its own that then ends: its statistics reach pg_stat_database before the run starts.
    const setup = new Client({ connectionString: this.options.databaseUrl });
    await setup.connect();
    await setup.query(SCHEMA_SQL);
    await setup.end();
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: Object.values(this.topics).map((topic) => ({
        topic,
        numPartitions: this.options.partitions,
        replicationFactor: -1,
      })),
    });
    await admin.disconnect();
    await this.producer.connect();
    await Promise.all([
      this.consume<Received>('validator', this.topics.received, (b) => this.validate(b)),
      this.consume<Validated>('router', this.topics.validated, (b) => this.route(b)),
      this.consume<Validated>('archive', this.topics.delivered, (b) => this.archive(b)),
      this.consume<Validated>('gateway', this.topics.delivered, (b) => this.project(b)),
    ]);
    this.relayRunning = true;
    this.relayLoop = this.relay();
  }

  /** Accepts every bundle with `concurrency` callers and waits until each is delivered and recorded. */
  async run(
    work: BenchBundle[],
    pairs: Pair[],
    concurrency: number,
    timeoutMs: number,
  ): Promise<CeilingResult> {
    const done = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.onProgress = () => {
        if (this.deliveredAt.size >= work.length && this.recorded.size >= work.length) {
          clearTimeout(timer);
          resolve(true);
        }
      };
    });
    const acceptMs: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < work.length) {
          const bundle = work[next++];
          const t = performance.now();
          await this.accept(bundle, pairs[bundle.pair]);
          acceptMs.push(performance.now() - t);
        }
      }),
    );
    const sendMs = performance.now() - t0;
    const settled = await done;
    const e2e = [...this.deliveredAt].map(([id, at]) => at - (this.acceptedAt.get(id) ?? at));
    const spanMs = Math.max(...this.deliveredAt.values()) - Math.min(...this.acceptedAt.values());
    const checks = await this.check(work.length);
    return {
      accept: {
        seconds: round(sendMs / 1000, 2),
        bundlesPerSec: rate(work.length, sendMs),
        latencyMs: latency(acceptMs),
      },
      endToEnd: {
        latencyMs: latency(e2e),
        delivered: this.deliveredAt.size,
        deliveredBundlesPerSec: rate(this.deliveredAt.size, spanMs),
      },
      checks: {
        deliveredExactlyOnce: `${checks.once && settled ? 'PASS' : 'FAIL'}: ${checks.onceDetail}`,
        order: `${checks.ordered ? 'PASS' : 'FAIL'}: ${checks.orderDetail}`,
      },
      ok: settled && checks.once && checks.ordered,
    };
  }

  async close(): Promise<void> {
    this.relayRunning = false;
    this.wake?.();
    await this.relayLoop;
    await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
    await this.producer.disconnect();
    await this.pool.end();
  }

  /** One statement: the pair's next sequence (its row lock keeps the pair's order), bytes, submission, files, outbox. */
  private async accept(bundle: BenchBundle, pair: Pair): Promise<void> {
    const id = randomUUID();
    const files = bundle.files.map((f) => ({
      name: f.name,
      bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength),
      sha: createHash('sha256').update(f.bytes).digest(),
    }));
    const params: unknown[] = [pair.sender, pair.receiver, id, randomUUID(), this.topics.received];
    const blobRows: string[] = [];
    const fileRows: string[] = [];
    files.forEach((f, i) => {
      const n = params.push(f.sha, f.bytes, f.name, f.bytes.length);
      blobRows.push(`($${n - 3}::bytea, $${n - 2}::bytea)`);
      fileRows.push(`($3::uuid, ${i}, $${n - 1}, $${n - 3}::bytea, $${n}::int)`);
    });
    this.acceptedAt.set(id, performance.now());
    await this.pool.query(
      `WITH seq AS (INSERT INTO pairs AS p (sender, receiver, last_sequence) VALUES ($1, $2, 1)
                    ON CONFLICT (sender, receiver) DO UPDATE SET last_sequence = p.last_sequence + 1
                    RETURNING last_sequence),
            b AS (INSERT INTO blobs (sha256, bytes) VALUES ${blobRows.join(', ')} ON CONFLICT DO NOTHING),
            s AS (INSERT INTO submissions (id, sender, receiver, sequence, status)
                  SELECT $3, $1, $2, last_sequence, 'accepted' FROM seq RETURNING sequence),
            f AS (INSERT INTO files (submission_id, position, name, sha256, size) VALUES ${fileRows.join(', ')}),
            o AS (INSERT INTO outbox (topic, key, payload)
                  SELECT $5, $1 || '>' || $2, jsonb_build_object('eventId', $4::uuid, 'submissionId', $3::uuid,
                    'sender', $1::text, 'receiver', $2::text, 'sequence', sequence) FROM s)
       SELECT sequence FROM s`,
      params,
    );
    this.nudge();
  }

  /** Reads the batch's CSV files in one query, decodes and parses them, and records a verdict per bundle. */
  private async validate(events: Received[]): Promise<void> {
    const { rows } = await this.pool.query<{ submission_id: string; name: string; bytes: Buffer }>(
      `SELECT f.submission_id, f.name, b.bytes FROM files f JOIN blobs b USING (sha256)
        WHERE f.submission_id = ANY($1::uuid[]) ORDER BY f.submission_id, f.position`,
      [events.map((e) => e.submissionId)],
    );
    const parsed = new Map<string, { records: number; insured: Set<string> }>();
    for (const r of rows) {
      if (!isStandardCsvName(r.name)) continue;
      const p = parsed.get(r.submission_id) ?? { records: 0, insured: new Set<string>() };
      parsed.set(r.submission_id, p);
      for (const record of parseRecords({ name: r.name, bytes: r.bytes }).records) {
        p.records++;
        const no = (record as Record<string, unknown>).insuredNo;
        if (typeof no === 'string' && no) p.insured.add(no);
      }
    }
    await this.pool.query(
      `WITH ${fresh('validator')},
         v AS (INSERT INTO verdicts (submission_id, records) SELECT submission_id, records FROM todo),
         o AS (INSERT INTO outbox (topic, key, payload)
               SELECT $2, sender || '>' || receiver, payload FROM todo ORDER BY ord)
       SELECT count(*) FROM fresh`,
      [
        JSON.stringify(
          events.map((e, ord) => {
            const p = parsed.get(e.submissionId);
            const payload: Validated = {
              ...e,
              eventId: randomUUID(),
              insuredNumbers: [...(p?.insured ?? [])],
            };
            return { ...this.row(e, ord), records: p?.records ?? 0, payload };
          }),
        ),
        this.topics.validated,
      ],
    );
    this.nudge();
  }

  private async route(events: Validated[]): Promise<void> {
    await this.pool.query(
      `WITH ${fresh('router')},
         d AS (INSERT INTO inbox (receiver, sequence, submission_id)
               SELECT receiver, sequence, submission_id FROM todo ORDER BY ord),
         o AS (INSERT INTO outbox (topic, key, payload)
               SELECT $2, sender || '>' || receiver, payload FROM todo ORDER BY ord)
       SELECT count(*) FROM fresh`,
      [
        JSON.stringify(
          events.map((e, ord) => ({ ...this.row(e, ord), payload: { ...e, eventId: randomUUID() } })),
        ),
        this.topics.delivered,
      ],
    );
    this.nudge();
  }

  private async archive(events: Validated[]): Promise<void> {
    const { rows } = await this.pool.query<{ submission_id: string }>(
      `WITH ${fresh('archive')}
       INSERT INTO history (submission_id, insured_numbers) SELECT submission_id, insured FROM todo
       RETURNING submission_id`,
      [JSON.stringify(events.map((e, ord) => ({ ...this.row(e, ord), insured: e.insuredNumbers })))],
    );
    for (const r of rows) this.recorded.add(r.submission_id);
    this.onProgress();
  }

  private async project(events: Validated[]): Promise<void> {
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH ${fresh('gateway')}
       UPDATE submissions s SET status = 'delivered', delivered_at = now() FROM todo
        WHERE s.id = todo.submission_id RETURNING s.id`,
      [JSON.stringify(events.map((e, ord) => this.row(e, ord)))],
    );
    const now = performance.now();
    for (const r of rows) this.deliveredAt.set(r.id, now);
    this.onProgress();
  }

  private row(e: Received, ord: number): Record<string, unknown> {
    return {
      ord,
      event_id: e.eventId,
      submission_id: e.submissionId,
      sender: e.sender,
      receiver: e.receiver,
      sequence: e.sequence,
    };
  }

  /** A consumer group whose batches (at most maxBatch messages) each take one statement, then an offset commit. */
  private async consume<T>(
    name: string,
    topic: string,
    handle: (events: T[]) => Promise<void>,
  ): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: `${this.options.groupPrefix}.ceiling.${name}` });
    this.consumers.push(consumer);
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: this.options.partitions,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { messages } = payload.batch;
        for (let i = 0; i < messages.length && payload.isRunning(); i += this.maxBatch) {
          const chunk: KafkaMessage[] = messages.slice(i, i + this.maxBatch);
          await handle(chunk.map((m) => JSON.parse(m.value?.toString('utf8') ?? 'null') as T));
          payload.resolveOffset(chunk[chunk.length - 1].offset);
          await payload.commitOffsetsIfNecessary();
          await payload.heartbeat();
        }
      },
    });
    await joined;
  }

  private nudge(): void {
    this.wake?.();
  }

  /** Publishes what the outbox holds, in id order, one produce request per poll, deleted in the same transaction. */
  private async relay(): Promise<void> {
    while (this.relayRunning) {
      let sent = 0;
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ id: string; topic: string; key: string; payload: unknown }>(
          `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 1000)
           RETURNING id, topic, key, payload`,
        );
        rows.sort((a, b) => Number(a.id) - Number(b.id));
        const byTopic = new Map<string, { key: string; value: string }[]>();
        for (const r of rows) {
          const list = byTopic.get(r.topic) ?? [];
          byTopic.set(r.topic, list);
          list.push({ key: r.key, value: JSON.stringify(r.payload) });
        }
        if (rows.length > 0) {
          await this.producer.sendBatch({
            acks: -1,
            topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
          });
        }
        await client.query('COMMIT');
        sent = rows.length;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        process.stderr.write(`bench-ceiling: relay: ${String(e)}\n`);
      } finally {
        client.release();
      }
      if (sent === 0) {
        await new Promise<void>((resolve) => {
          // The pipeline's relays poll as often when idle.
          const timer = setTimeout(resolve, 250);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }

  private async check(
    expected: number,
  ): Promise<{ once: boolean; onceDetail: string; ordered: boolean; orderDetail: string }> {
    const [{ n, distinct }] = (
      await this.pool.query<{ n: number; distinct: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT submission_id)::int AS distinct FROM inbox`,
      )
    ).rows;
    const { rows } = await this.pool.query<{ bad: number; receivers: number }>(
      `SELECT count(*) FILTER (WHERE sequence <= prev)::int AS bad, count(DISTINCT receiver)::int AS receivers
         FROM (SELECT receiver, sequence, lag(sequence, 1, 0) OVER (PARTITION BY receiver ORDER BY n) AS prev
                 FROM inbox) x`,
    );
    return {
      once: n === expected && distinct === expected,
      onceDetail: `${n} inbox entries, ${distinct} distinct, of ${expected} accepted`,
      ordered: rows[0].bad === 0,
      orderDetail: `${rows[0].bad} out of order in ${rows[0].receivers} receivers`,
    };
  }
}
