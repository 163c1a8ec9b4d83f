import { Logger, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource, PersistenceModule } from '@careplan/persistence';
import { createHttpApp, PlatformModule } from '@careplan/platform';
import { createTestDatabase, freePort, TestDatabase } from '@careplan/testing';
import { routerDatabase } from '../database/router.database';
import { OfficeWebhookRepository } from './office-webhook.repository';
import { OfficeWebhookService } from './office-webhook.service';
import { OverviewModule } from './overview.module';

const TOKEN = 'it-internal-token-of-32-characters!';
const HOOKED = '1310000005'; // delivered, then failed
const RECOVERED = '1320000003'; // failed, then a replay got through
const REMOVED = '4710000008'; // removed its webhook
const NEVER = '4720000001';

describe("one office's webhook for the console (real PostgreSQL)", () => {
  let db: TestDatabase;
  let ds: DataSource;
  let service: OfficeWebhookService;
  let app: NestFastifyApplication | undefined;

  const endpoint = (office: string, url: string | null, configuredAt: Date) =>
    ds.query(
      `INSERT INTO "router"."webhook_endpoints" (office_number, url, secret_sealed, configured_at) VALUES ($1, $2, $3, $4)`,
      [office, url, url === null ? null : 'sealed:v1:opaque', configuredAt],
    );
  const push = (office: string, deliveredAt: Date | null) => {
    const eventId = randomUUID();
    return ds.query(
      `INSERT INTO "router"."webhook_pushes" (job_id, event_id, office_number, delivered_at) VALUES ($1, $2, $3, $4)`,
      [`${eventId}.${office}`, eventId, office, deliveredAt],
    );
  };
  const deadLetter = (office: string, failedAt: Date, error: string, replayed = false) =>
    ds.query(
      `INSERT INTO "router"."webhook_dead_letters" (id, job_id, event_id, event_type, office_number, url,
         submission_id, job_data, attempts, last_error, failed_at, replayed_at)
       VALUES ($1, $2, $3, 'delivery.delivered', $4, 'https://hooks.example.jp/cb?token=s3cret', $5, '{}', 12, $6, $7, $8)`,
      [
        randomUUID(),
        `job-${randomUUID()}`,
        randomUUID(),
        office,
        randomUUID(),
        error,
        failedAt,
        replayed ? failedAt : null,
      ],
    );
  const at = (minute: number) => new Date(Date.UTC(2027, 2, 1, 0, minute));

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [routerDatabase]);
    service = new OfficeWebhookService(new OfficeWebhookRepository(ds));
    await endpoint(HOOKED, 'https://hooks.example.jp:8443/cb/office?token=s3cret', at(0));
    await push(HOOKED, at(10));
    await push(HOOKED, null); // claimed, not delivered (yet)
    await deadLetter(HOOKED, at(20), `connect ECONNREFUSED ${'x'.repeat(300)}`);
    await deadLetter(HOOKED, at(15), 'HTTP 500');
    await endpoint(RECOVERED, 'https://recovered.example.jp/hook', at(0));
    await deadLetter(RECOVERED, at(5), 'HTTP 503', true);
    await push(RECOVERED, at(30));
    await endpoint(REMOVED, null, at(40));
    await push(REMOVED, at(1));
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await db?.drop();
  });

  it('shows the host only, the latest outcome (a dead letter after the last delivery) and the waiting dead letters', async () => {
    const status = await service.status(HOOKED);
    const error = `connect ECONNREFUSED ${'x'.repeat(300)}`.slice(0, 200);
    expect(status).toEqual({
      configured: true,
      host: 'hooks.example.jp:8443',
      configuredAt: at(0).toISOString(),
      lastDelivery: { status: 'failed', at: at(20).toISOString(), error },
      deadLetters: 2,
    });
    expect(JSON.stringify(status)).not.toMatch(/s3cret|sealed|\/cb/);
  });

  it('calls a push delivered after the dead letter a delivery, and counts only waiting dead letters', async () => {
    expect(await service.status(RECOVERED)).toEqual({
      configured: true,
      host: 'recovered.example.jp',
      configuredAt: at(0).toISOString(),
      lastDelivery: { status: 'delivered', at: at(30).toISOString(), error: null },
      deadLetters: 0,
    });
  });

  it('says not configured for a removed webhook (its history kept) and for an office that never had one', async () => {
    expect(await service.status(REMOVED)).toEqual({
      configured: false,
      host: null,
      configuredAt: at(40).toISOString(),
      lastDelivery: { status: 'delivered', at: at(1).toISOString(), error: null },
      deadLetters: 0,
    });
    expect(await service.status(NEVER)).toEqual({
      configured: false,
      host: null,
      configuredAt: null,
      lastDelivery: null,
      deadLetters: 0,
    });
  });

  it('answers on the internal listener only with the internal token, for a valid office number', async () => {
    Logger.overrideLogger(false);
    @Module({
      imports: [
        PlatformModule.forRoot({
          serviceName: 'it-router-office-webhook',
          logLevel: 'silent',
          internalToken: TOKEN,
        }),
        PersistenceModule.forRoot(db.url, routerDatabase),
        OverviewModule,
      ],
    })
    class TestModule {}
    const internalPort = await freePort();
    app = await createHttpApp(TestModule, {
      port: 0,
      host: '127.0.0.1',
      internal: { port: internalPort, host: '127.0.0.1' },
    });
    const get = async (office: string, token = TOKEN) => {
      const res = await fetch(`http://127.0.0.1:${internalPort}/internal/v1/offices/${office}/webhook`, {
        headers: { 'x-internal-token': token },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const ok = await get(RECOVERED);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(await service.status(RECOVERED));
    expect((await get(RECOVERED, 'x'.repeat(TOKEN.length))).status).toBe(401);
    expect((await get('12345')).status).toBe(422);
  });

  it('finds the office rows by the per-office indexes', async () => {
    const plan = await ds.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      const explain = (sql: string) =>
        m
          .query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, [HOOKED])
          .then((r) => r.map((x) => x['QUERY PLAN']));
      return [
        ...(await explain(
          `SELECT max(delivered_at) FROM "router"."webhook_pushes" WHERE office_number = $1 AND delivered_at IS NOT NULL`,
        )),
        ...(await explain(
          `SELECT failed_at FROM "router"."webhook_dead_letters" WHERE office_number = $1 ORDER BY failed_at DESC LIMIT 1`,
        )),
      ].join('\n');
    });
    expect(plan).toContain('ix_webhook_pushes_office_delivered');
    expect(plan).toContain('ix_webhook_dead_letters_office');
  });
});
