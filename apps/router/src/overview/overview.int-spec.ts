import { Logger, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource, PersistenceModule } from '@careplan/persistence';
import { createHttpApp, PlatformModule } from '@careplan/platform';
import { createTestDatabase, freePort, TestDatabase } from '@careplan/testing';
import { routerDatabase } from '../database/router.database';
import { webhookJobId } from '../webhooks/webhook-job';
import { OverviewModule } from './overview.module';
import { OverviewRepository } from './overview.repository';
import { OverviewService } from './overview.service';

const TOKEN = 'it-internal-token-of-32-characters!';

const SENDER = '1310000005';
const TOKYO = '1320000003';
const OKINAWA = '4710000008';
const SINCE = new Date('2027-03-01T15:00:00Z'); // 2027-03-02 00:00 in Japan

describe('the router figures of the operations overview (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let service: OverviewService;
  let app: NestFastifyApplication | undefined;

  /** A delivery to `receiver` at `at`; `push`: the webhook push of its delivered event to the receiver. */
  const delivery = async (receiver: string, at: Date, push: 'none' | 'delivered' | 'failed' = 'none') => {
    const eventId = randomUUID();
    await ds.query(
      `INSERT INTO "router"."deliveries" (id, submission_id, sender_office_number, receiver_office_number, event_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [randomUUID(), randomUUID(), SENDER, receiver, eventId, at],
    );
    if (push !== 'none')
      await ds.query(
        `INSERT INTO "router"."webhook_pushes" (job_id, event_id, office_number, delivered_at) VALUES ($1, $2, $3, $4)`,
        [webhookJobId(eventId, receiver), eventId, receiver, push === 'delivered' ? at : null],
      );
    // The sender hears of the delivery too: that push is no delivery channel of the receiver.
    await ds.query(
      `INSERT INTO "router"."webhook_pushes" (job_id, event_id, office_number, delivered_at) VALUES ($1, $2, $3, $4)`,
      [webhookJobId(eventId, SENDER), eventId, SENDER, at],
    );
  };
  const deadLetter = (office: string, state: 'waiting' | 'requested' | 'replayed') =>
    ds.query(
      `INSERT INTO "router"."webhook_dead_letters" (id, job_id, event_id, event_type, office_number, url,
         submission_id, job_data, attempts, last_error, failed_at, replay_requested_at, replayed_at)
       VALUES ($1, $2, $3, 'delivery.delivered', $4, 'https://example.org/hook', $5, '{}', 12, 'HTTP 500', now(), $6, $7)`,
      [
        randomUUID(),
        `job-${randomUUID()}`,
        randomUUID(),
        office,
        randomUUID(),
        state === 'requested' ? new Date() : null,
        state === 'replayed' ? new Date() : null,
      ],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [routerDatabase]);
    service = new OverviewService(new OverviewRepository(ds));
    const today = new Date(SINCE.getTime() + 3_600_000);
    await delivery(TOKYO, today, 'delivered');
    await delivery(TOKYO, today, 'failed'); // the push never reached it: the receiver polls
    await delivery(TOKYO, today);
    await delivery(OKINAWA, today, 'delivered');
    await delivery(TOKYO, new Date(SINCE.getTime() - 1), 'delivered'); // yesterday in Japan
    await deadLetter(TOKYO, 'waiting');
    await deadLetter(TOKYO, 'requested');
    await deadLetter(TOKYO, 'replayed');
    await deadLetter(OKINAWA, 'waiting');
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await db?.drop();
  });

  it("counts the day's deliveries by channel and the waiting dead letters, for one prefecture", async () => {
    expect(await service.figures({ prefecture: '13', since: SINCE.toISOString() })).toEqual({
      deadLetters: 1,
      deliveries: { pull: 2, webhook: 1 },
    });
    expect(await service.figures({ prefecture: '47', since: SINCE.toISOString() })).toEqual({
      deadLetters: 1,
      deliveries: { pull: 0, webhook: 1 },
    });
  });

  it('counts every prefecture without one', async () => {
    expect(await service.figures({ since: SINCE.toISOString() })).toEqual({
      deadLetters: 2,
      deliveries: { pull: 2, webhook: 2 },
    });
  });

  it('can find the day by the index on created_at (the planner takes it once the table is large)', async () => {
    const plan = await ds.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      return m.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN SELECT count(*) FROM "router"."deliveries" WHERE created_at >= $1`,
        [SINCE],
      );
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('ix_deliveries_created');
  });

  it('answers the archive on the internal listener, with the internal token, for a checked query', async () => {
    Logger.overrideLogger(false);
    @Module({
      imports: [
        PlatformModule.forRoot({
          serviceName: 'it-router-overview',
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
    const get = async (query: string, token = TOKEN) => {
      const res = await fetch(`http://127.0.0.1:${internalPort}/internal/v1/overview?${query}`, {
        headers: { 'x-internal-token': token },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await get(`prefecture=13&since=${SINCE.toISOString()}`)).toEqual({
      status: 200,
      body: { deadLetters: 1, deliveries: { pull: 2, webhook: 1 } },
    });
    expect((await get(`since=${SINCE.toISOString()}`, 'x'.repeat(TOKEN.length))).status).toBe(401);
    expect((await get('prefecture=13&since=yesterday')).status).toBe(400);
    expect((await get(`prefecture=99&since=${SINCE.toISOString()}`)).status).toBe(400);
  });
});
