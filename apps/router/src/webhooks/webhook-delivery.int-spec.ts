import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { migratedDataSource } from '@careplan/persistence';
import { Queues, WebhookConfiguredEvent } from '@careplan/contracts';
import { loadEnv, MetricsService, SecretKeyring } from '@careplan/platform';
import { createTestDatabase, eventually, redisUrl, TestDatabase } from '@careplan/testing';
import { RouterEnv } from '../config/router.env';
import { routerDatabase } from '../database/router.database';
import { DeadLettersRepository } from '../dead-letters/dead-letters.repository';
import { DeadLettersService } from '../dead-letters/dead-letters.service';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookJobData, webhookJobId } from './webhook-job';
import { WebhookPushesRepository } from './webhook-pushes.repository';
import { WebhookQueue } from './webhook.queue';
import { WebhookWorker } from './webhook.worker';

const OFFICE = '1371500420';

/** A loopback endpoint answering with what `respond` says, after `delayMs`. */
class Endpoint {
  calls: string[] = [];
  respond: () => number = () => 200;
  delayMs = 0;
  private server!: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.calls.push(Buffer.concat(chunks).toString('utf8'));
        // Deliberate: the delay models an endpoint slow to answer; no test waits on it for the system.
        setTimeout(() => res.writeHead(this.respond()).end(), this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const job = (): WebhookJobData =>
  Object.assign(new WebhookJobData(), {
    eventId: randomUUID(),
    type: 'delivery.delivered',
    occurredAt: new Date().toISOString(),
    officeNumber: OFFICE,
    submissionId: randomUUID(),
    deliveryId: randomUUID(),
    data: { note: 'it' },
  });

describe('webhook delivery on the real Redis and PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let redis: Redis;
  let queue: WebhookQueue;
  let worker: WebhookWorker;
  let endpoints: WebhookEndpointsService;
  let deadLetters: DeadLettersService;
  let endpoint: Endpoint;
  let processor: WebhookDeliveryProcessor;
  // Jobs of a queue no worker runs: these tests run the processor on them themselves, as BullMQ would.
  let direct: Queue<WebhookJobData>;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [routerDatabase]);
    redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
    const env = loadEnv(RouterEnv, {
      BULLMQ_PREFIX: `it-router-${randomBytes(4).toString('hex')}`,
      WEBHOOK_ATTEMPTS: '3',
      WEBHOOK_BACKOFF_MS: '50',
      WEBHOOK_TIMEOUT_MS: '300',
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
    const metrics = new MetricsService('router-it');
    endpoints = new WebhookEndpointsService(
      new WebhookEndpointsRepository(ds),
      SecretKeyring.parse(env.WEBHOOK_SECRET_KEY),
    );
    queue = new WebhookQueue(redis, env);
    deadLetters = new DeadLettersService(new DeadLettersRepository(ds), queue, metrics);
    const pushes = new WebhookPushesRepository(ds);
    processor = new WebhookDeliveryProcessor(env, endpoints, deadLetters, metrics, pushes);
    worker = new WebhookWorker(redis, env, processor, pushes);
    direct = new Queue<WebhookJobData>(Queues.WebhookDelivery, {
      connection: redis,
      prefix: `${env.BULLMQ_PREFIX}-direct`,
    });
    worker.onApplicationBootstrap();
    endpoint = await new Endpoint().start();
    await configure(endpoint.url);
  });

  afterAll(async () => {
    await worker.onModuleDestroy();
    await queue.queue.obliterate({ force: true });
    await queue.onModuleDestroy();
    await direct.obliterate({ force: true });
    await direct.close();
    redis.disconnect();
    await endpoint.stop();
    await ds.destroy();
    await db.drop();
  });

  beforeEach(async () => {
    // Each test counts its own dead letters: a replay of "all" would pick up the earlier ones.
    await ds.query(`DELETE FROM router.webhook_dead_letters`);
    endpoint.calls = [];
    endpoint.respond = () => 200;
    endpoint.delayMs = 0;
  });

  async function configure(url: string | null): Promise<void> {
    const event = Object.assign(new WebhookConfiguredEvent(), {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      officeNumber: OFFICE,
      url,
      secret: url ? 'whsec_it' : null,
    });
    await endpoints.apply(event, ds.manager);
  }

  const openDeadLetter = (jobId: string) =>
    ds
      .query<{ attempts: number; last_error: string }[]>(
        `SELECT attempts, last_error FROM router.webhook_dead_letters WHERE job_id = $1 AND replayed_at IS NULL`,
        [jobId],
      )
      .then((rows) => rows[0] ?? null);

  it('enqueues one job per event and office however often it is asked to', async () => {
    const data = job();
    await queue.enqueue(data);
    await queue.enqueue(data);
    await eventually(
      () => queue.queue.getJobState(webhookJobId(data.eventId, OFFICE)),
      (s) => s === 'completed',
    );
    await queue.enqueue(data); // a late redelivery, after it was sent
    // Nothing left to run: a second job for the same event would be waiting, active or delayed here.
    await eventually(
      () => queue.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      (counts) => Object.values(counts).every((n) => n === 0),
    );
    expect(endpoint.calls).toHaveLength(1);
    expect(JSON.parse(endpoint.calls[0])).toMatchObject({ id: data.eventId, type: 'delivery.delivered' });
  });

  it('retries 429 and a receiver that times out, and dead-letters after the last attempt', async () => {
    const data = job();
    const jobId = webhookJobId(data.eventId, OFFICE);
    const answers = [429];
    endpoint.respond = () => answers.shift() ?? 200;
    endpoint.delayMs = 0;
    await queue.enqueue(data);
    await eventually(
      () => queue.queue.getJobState(jobId),
      (s) => s === 'completed',
    );
    expect(endpoint.calls).toHaveLength(2);

    const slow = job();
    const slowId = webhookJobId(slow.eventId, OFFICE);
    endpoint.delayMs = 1000; // longer than WEBHOOK_TIMEOUT_MS
    await queue.enqueue(slow);
    const dead = await eventually(
      () => openDeadLetter(slowId),
      (d) => d !== null,
    );
    expect(dead).toEqual({ attempts: 3, last_error: 'timed out after 300 ms' });
    // The dead-letter row is written while BullMQ is still moving the job to its failed set.
    await eventually(
      () => queue.queue.getJobState(slowId),
      (s) => s === 'failed',
    );
  });

  it('replays a dead letter with a fresh attempt budget, also after BullMQ dropped the failed job', async () => {
    const data = job();
    const jobId = webhookJobId(data.eventId, OFFICE);
    endpoint.respond = () => 404;
    await queue.enqueue(data);
    await eventually(
      () => openDeadLetter(jobId),
      (d) => d !== null,
    );
    expect(endpoint.calls).toHaveLength(1);

    // Still failing on replay: the same open dead letter, updated, not a second one.
    const [{ id }] = await ds.query<{ id: string }[]>(
      `SELECT id FROM router.webhook_dead_letters WHERE job_id = $1`,
      [jobId],
    );
    endpoint.respond = () => 500;
    expect(await deadLetters.replay({ ids: [id] })).toEqual({ replayed: 1 });
    await eventually(
      () => openDeadLetter(jobId),
      (d) => d?.attempts === 3,
    );
    expect(endpoint.calls).toHaveLength(4);

    await (await queue.queue.getJob(jobId))?.remove();
    endpoint.respond = () => 200;
    expect(await deadLetters.replay({ all: true, prefecture: '13' })).toEqual({ replayed: 1 });
    await eventually(
      () => openDeadLetter(jobId),
      (d) => d === null,
    );
    expect(endpoint.calls).toHaveLength(5);
    const rows = await ds.query<{ replayed_at: Date | null }[]>(
      `SELECT replayed_at FROM router.webhook_dead_letters WHERE job_id = $1`,
      [jobId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].replayed_at).toBeInstanceOf(Date);
  });

  it('sends nothing once the office removed its webhook', async () => {
    await configure(null);
    const data = job();
    await queue.enqueue(data);
    await eventually(
      () => queue.queue.getJobState(webhookJobId(data.eventId, OFFICE)),
      (s) => s === 'completed',
    );
    expect(endpoint.calls).toHaveLength(0);
    await configure(endpoint.url);
  });

  /** A real job of the `direct` queue, as BullMQ hands it to the processor. */
  async function directJob(data = job()): Promise<Job<WebhookJobData>> {
    return direct.add(data.type, data, { jobId: webhookJobId(data.eventId, OFFICE), attempts: 3 });
  }

  const outcome = (p: Promise<unknown>) =>
    p.then(
      (v) => v,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );

  it('pushes once when BullMQ runs a job again after its push went out (completion lost with Redis)', async () => {
    const stalled = await directJob();
    expect(await processor.process(stalled)).toBe('success');
    // BullMQ never recorded the completion (Redis was gone): the stalled job is run again, as it is.
    expect(await processor.process(stalled)).toBe('already-delivered');
    const reread = await Job.fromId<WebhookJobData>(direct, stalled.id ?? '');
    expect(reread && (await processor.process(reread))).toBe('already-delivered');
    expect(endpoint.calls).toHaveLength(1);
  });

  it('pushes once when two runs of one job overlap, the second retried rather than sent', async () => {
    endpoint.delayMs = 150; // the second run starts while the first waits for the answer
    const both = await directJob();
    const outcomes = await Promise.all([outcome(processor.process(both)), outcome(processor.process(both))]);
    expect(outcomes.sort()).toEqual([`push ${both.id} is in flight in another run`, 'success']);
    expect(await processor.process(both)).toBe('already-delivered');
    expect(endpoint.calls).toHaveLength(1);
  });

  it('still pushes again after a failed attempt: at least once until one succeeds', async () => {
    const answers = [503];
    endpoint.respond = () => answers.shift() ?? 200;
    const retried = await directJob();
    expect(await outcome(processor.process(retried))).toBe('HTTP 503');
    expect(await processor.process(retried)).toBe('success');
    expect(await processor.process(retried)).toBe('already-delivered');
    expect(endpoint.calls).toHaveLength(2);
  });
});
