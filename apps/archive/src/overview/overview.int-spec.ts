import { Logger, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { dlqTopicOf, Topics } from '@careplan/contracts';
import { KafkaService, MessagingModule } from '@careplan/messaging';
import { migratedDataSource, PersistenceModule } from '@careplan/persistence';
import { createHttpApp, loadEnv, PlatformModule } from '@careplan/platform';
import { createTestDatabase, freePort, kafkaBrokers, TestDatabase } from '@careplan/testing';
import { ArchiveConfigModule } from '../config/archive-config.module';
import { ArchiveEnv } from '../config/archive.env';
import { archiveDatabase } from '../database/archive.database';
import { hashToken } from '../operators/operators.service';
import type { OverviewDto } from './dto/overview.dto';
import { japanDayStart } from './overview.hours';
import { OverviewModule } from './overview.module';

const TOKEN = 'it-internal-token-of-32-characters!';
const CENTRAL = `cpo_${randomBytes(16).toString('hex')}`;
const TOKYO = `cpo_${randomBytes(16).toString('hex')}`;
const DAY_MS = 86_400_000;

interface Answer<T> {
  status: number;
  body: T;
}

/** A stand-in HTTP server; `handle` may be swapped by a test. */
async function server(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; srv: Server; set(h: typeof handle): void }> {
  let current = handle;
  const srv = createServer((req, res) => current(req, res));
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    srv,
    set: (h) => (current = h),
  };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('GET /ops/v1/overview (real PostgreSQL and Kafka, the other services stood in for)', () => {
  const run = randomBytes(4).toString('hex');
  let db: TestDatabase;
  let ds: DataSource;
  let app: NestFastifyApplication;
  let kafka: KafkaService;
  let routerInternal: Awaited<ReturnType<typeof server>>;
  const servers: Server[] = [];
  const routerCalls: URLSearchParams[] = [];
  const now = new Date();
  const { start: dayStart } = japanDayStart(now);
  // Today's rows: in the minute before now, never before midnight in Japan.
  const base = Math.max(dayStart.getTime() + 1, now.getTime() - 60_000);
  let tick = 0;
  const today = () => new Date(base + tick++);

  const get = async <T>(path: string, token: string): Promise<Answer<T>> => {
    const res = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
    return { status: res.statusCode, body: res.json<T>() };
  };

  const history = (
    office: string,
    submissionId: string,
    event: string,
    at: Date,
    role: 'sender' | 'receiver' = 'sender',
    details: unknown = null,
  ) =>
    ds.query(
      `INSERT INTO "archive"."history" ("office_number", "event", "role", "counterpart_office_number",
         "submission_id", "details", "occurred_at", "event_id")
       VALUES ($1, $2, $3, '4720000001', $4, $5, $6, $7)`,
      [
        office,
        event,
        role,
        submissionId,
        details === null ? null : JSON.stringify(details),
        at,
        randomUUID(),
      ],
    );
  const report = (...issues: [code: string, severity: 'error' | 'warning'][]) => ({
    report: {
      ok: false,
      files: [
        {
          name: 'UPPLAN.csv',
          fileType: 'UPPLAN',
          csvVersion: null,
          rows: 1,
          errorCount: issues.filter(([, s]) => s === 'error').length,
          warningCount: issues.filter(([, s]) => s === 'warning').length,
          issues: issues.map(([code, severity]) => ({ code, severity, row: 1, column: null })),
        },
      ],
    },
  });
  /** One submission: its sender-side steps, all today unless `sentAt` says when it was sent. */
  const submission = async (office: string, steps: string[], details?: unknown, sentAt?: Date) => {
    const id = randomUUID();
    await history(office, id, 'sent', sentAt ?? today());
    for (const step of steps)
      await history(office, id, step, today(), 'sender', step === 'rejected' ? details : null);
    return id;
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [archiveDatabase]);
    await ds.query(
      `INSERT INTO "archive"."operators" ("id", "name", "role", "prefecture", "token_hash")
       VALUES ($1, '中央', 'central', NULL, $2), ($3, '東京都', 'prefecture', '13', $4)`,
      [randomUUID(), hashToken(CENTRAL), randomUUID(), hashToken(TOKYO)],
    );

    // Tokyo (13): downloaded, rejected twice, accepted; one sent days ago and delivered today.
    const delivered = await submission('1310000005', ['validated', 'delivered', 'downloaded']);
    await history('4720000001', delivered, 'received', today(), 'receiver'); // the receiver's own row
    await submission(
      '1310000005',
      ['rejected'],
      report(['FILE_NAME_CHECK_DIGIT', 'error'], ['CSV_SYNTAX', 'error']),
    );
    await submission(
      '1320000003',
      ['rejected'],
      report(
        ['FILE_NAME_CHECK_DIGIT', 'error'],
        ['FILE_NAME_CHECK_DIGIT', 'error'],
        ['ENCODING_BOM', 'warning'],
      ),
    );
    await submission('1320000003', []);
    await submission('1320000003', ['validated', 'delivered'], null, new Date(now.getTime() - 3 * DAY_MS));
    // Okinawa (47): validated, rejected.
    await submission('4710000008', ['validated']);
    await submission('4710000008', ['rejected'], report(['ENCODING_NOT_MS932', 'error']));
    // A month ago: in no figure.
    await submission('1310000005', ['validated'], null, new Date(now.getTime() - 30 * DAY_MS));

    // The router's internal API: counts that say which prefecture was asked for.
    routerInternal = await server((req, res) => {
      const url = new URL(req.url ?? '/', 'http://router');
      if (url.pathname !== '/internal/v1/overview' || req.headers['x-internal-token'] !== TOKEN)
        return json(res, 404, {});
      routerCalls.push(url.searchParams);
      const prefecture = url.searchParams.get('prefecture');
      json(res, 200, {
        deadLetters: prefecture === '13' ? 2 : 5,
        deliveries: prefecture === '13' ? { pull: 3, webhook: 1 } : { pull: 7, webhook: 4 },
      });
    });
    // The gateway: ready but degraded, with figures on its /metrics.
    const gateway = await server((req, res) => {
      if (req.url === '/health/ready')
        return json(res, 200, {
          status: 'degraded',
          info: {},
          error: { kafka: { status: 'down' } },
          details: {},
        });
      if (req.url === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(
          [
            'process_resident_memory_bytes{service="gateway"} 104857600',
            `process_start_time_seconds{service="gateway"} ${Math.floor(Date.now() / 1000) - 60}`,
            'careplan_outbox_backlog{service="gateway"} 2',
            'careplan_kafka_consumer_lag{consumer="inbox",topic="t",partition="0",service="gateway"} 4',
            'careplan_kafka_consumer_lag{consumer="inbox",topic="t",partition="1",service="gateway"} 3',
          ].join('\n'),
        );
      }
      json(res, 404, {});
    });
    // The router's public listener accepts connections and never answers.
    const silent = await server(() => undefined);
    // Nothing listens where the validator should be.
    const validatorPort = await freePort();
    servers.push(routerInternal.srv, gateway.srv, silent.srv);

    const env = loadEnv(ArchiveEnv, {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: `it${run}.`,
      KAFKA_GROUP_PREFIX: `it${run}`,
      KAFKA_PARTITIONS: '1',
      INTERNAL_TOKEN: TOKEN,
      ROUTER_URL: routerInternal.url,
      GATEWAY_PUBLIC_URL: gateway.url,
      VALIDATOR_PUBLIC_URL: `http://127.0.0.1:${validatorPort}`,
      ROUTER_PUBLIC_URL: silent.url,
      LOG_LEVEL: 'silent',
    });

    @Module({
      imports: [
        PlatformModule.forRoot({ serviceName: 'archive', logLevel: 'silent', internalToken: TOKEN }),
        PersistenceModule.forRoot(env.DATABASE_URL, archiveDatabase),
        MessagingModule.forRoot(env, { service: 'archive', schema: archiveDatabase.schema }),
        ArchiveConfigModule.forRoot(env),
        OverviewModule,
      ],
    })
    class TestModule {}
    app = await createHttpApp(TestModule, {
      port: 0,
      host: '127.0.0.1',
      internal: { port: await freePort(), host: '127.0.0.1' },
    });
    kafka = app.get(KafkaService);

    // Two poison messages on a dead-letter topic, one of them replayed already.
    const dlq = dlqTopicOf(Topics.SubmissionReceived);
    await kafka.send(dlq, [{ value: 'a' }, { value: 'b' }]);
    await ds.query(
      `INSERT INTO "archive"."kafka_dlq_replays" ("topic", "partition", "offset", "replayed_by") VALUES ($1, 0, 0, 'it')`,
      [dlq],
    );
  });

  afterAll(async () => {
    await app?.close();
    for (const s of servers) s.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    // This run's topics go with it.
    const admin = kafka?.kafka.admin();
    if (admin) {
      await admin.connect();
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(`it${run}.`));
      if (topics.length) await admin.deleteTopics({ topics });
      await admin.disconnect();
    }
    await ds?.destroy();
    await db?.drop();
  });

  const sum = (o: OverviewDto, k: 'submitted' | 'delivered' | 'failed') =>
    o.last24h.reduce((n, b) => n + b[k], 0);

  it("shows a prefecture operator only its prefecture's figures", async () => {
    const { status, body } = await get<OverviewDto>('/ops/v1/overview', TOKYO);
    expect(status).toBe(200);
    expect(body.prefecture).toBe('13');
    expect(body.submissions).toEqual({
      total: 4,
      byStatus: { accepted: 1, validated: 0, rejected: 2, delivered: 0, downloaded: 1, acknowledged: 0 },
    });
    expect(body.validationFailures).toEqual([
      { code: 'FILE_NAME_CHECK_DIGIT', submissions: 2, issues: 3 },
      { code: 'CSV_SYNTAX', submissions: 1, issues: 1 },
    ]);
    expect(body.deliveries).toEqual({ pull: 3, webhook: 1 });
    expect(body.webhookDeadLetters).toBe(2);
    expect(routerCalls.at(-1)?.get('prefecture')).toBe('13');
    expect(routerCalls.at(-1)?.get('since')).toBe(dayStart.toISOString());
    // Kafka's dead letters are for central administrators.
    expect(body.kafkaDlq).toBeNull();
    expect(body.last24h).toHaveLength(24);
    expect([sum(body, 'submitted'), sum(body, 'delivered'), sum(body, 'failed')]).toEqual([4, 2, 2]);
  });

  it('refuses a prefecture operator another prefecture, and shows a central administrator all', async () => {
    expect((await get<{ code: string }>('/ops/v1/overview?prefecture=47', TOKYO)).body.code).toBe(
      'OPS_SCOPE',
    );

    const { status, body } = await get<OverviewDto>('/ops/v1/overview', CENTRAL);
    expect(status).toBe(200);
    expect(body.prefecture).toBeNull();
    expect(body.submissions.total).toBe(6);
    expect(body.submissions.byStatus).toMatchObject({
      accepted: 1,
      validated: 1,
      rejected: 3,
      downloaded: 1,
    });
    expect(body.validationFailures.map((f) => f.code)).toEqual([
      'FILE_NAME_CHECK_DIGIT',
      'CSV_SYNTAX',
      'ENCODING_NOT_MS932',
    ]);
    expect(routerCalls.at(-1)?.has('prefecture')).toBe(false);
    expect(body.webhookDeadLetters).toBe(5);
    expect(body.kafkaDlq).toEqual({ messages: 2, notReplayed: 1 });
    expect([sum(body, 'submitted'), sum(body, 'delivered'), sum(body, 'failed')]).toEqual([6, 2, 3]);

    const narrowed = await get<OverviewDto>('/ops/v1/overview?prefecture=47', CENTRAL);
    expect(narrowed.body.submissions.total).toBe(2);
  });

  it('shows each service as it answers: down when refused or silent, never failing the overview', async () => {
    const { status, body } = await get<OverviewDto>('/ops/v1/overview', CENTRAL);
    expect(status).toBe(200);
    const of = (s: string) => body.services.find((x) => x.service === s);
    expect(body.services.map((s) => s.service)).toEqual(['gateway', 'validator', 'router', 'archive']);
    expect(of('gateway')).toMatchObject({
      status: 'degraded',
      failing: ['kafka'],
      metrics: { residentMemoryBytes: 104857600, outboxBacklog: 2, consumerLag: 7 },
    });
    expect(of('gateway')?.metrics?.uptimeSeconds).toBeGreaterThanOrEqual(60);
    expect(of('validator')).toMatchObject({ status: 'down', metrics: null, responseMs: null });
    expect(of('validator')?.detail).toMatch(/ECONNREFUSED/);
    expect(of('router')).toMatchObject({ status: 'down', detail: 'no answer within 1000 ms', metrics: null });
    expect(of('archive')).toMatchObject({ status: 'up', failing: [], detail: null });
    expect(of('archive')?.metrics?.residentMemoryBytes).toBeGreaterThan(0);
    expect(of('archive')?.metrics?.outboxBacklog).toBe(0);
    // The archive has no consumer here: the gateway's lag is all there is.
    expect(body.consumerLag).toBe(7);
  });

  it("answers without the router's figures when the router's internal API does not answer", async () => {
    routerInternal.set(() => undefined);
    try {
      const { status, body } = await get<OverviewDto>('/ops/v1/overview', TOKYO);
      expect(status).toBe(200);
      expect(body.deliveries).toBeNull();
      expect(body.webhookDeadLetters).toBeNull();
      expect(body.submissions.total).toBe(4);
    } finally {
      routerInternal.set((_req, res) => json(res, 500, {}));
    }
  });
});
