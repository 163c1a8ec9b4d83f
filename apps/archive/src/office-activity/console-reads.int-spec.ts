import { Logger, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { KafkaService, MessagingModule } from '@careplan/messaging';
import { migratedDataSource, PersistenceModule } from '@careplan/persistence';
import { createHttpApp, loadEnv, PlatformModule } from '@careplan/platform';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { createTestDatabase, freePort, kafkaBrokers, TestDatabase } from '@careplan/testing';
import { AuditModule } from '../audit/audit.module';
import type { AuditEntryDto } from '../audit/dto/audit.dto';
import { ArchiveConfigModule } from '../config/archive-config.module';
import { ArchiveEnv } from '../config/archive.env';
import { archiveDatabase } from '../database/archive.database';
import { hashToken } from '../operators/operators.service';
import type { OfficeDto } from '../registry/dto/office.dto';
import { RegistryModule } from '../registry/registry.module';
import type { OfficeActivityDto } from './dto/office-activity.dto';
import { OfficeActivityModule } from './office-activity.module';

const TOKEN = 'it-internal-token-of-32-characters!';
const CENTRAL = `cpo_${randomBytes(16).toString('hex')}`;
const TOKYO = `cpo_${randomBytes(16).toString('hex')}`;
const OKINAWA = `cpo_${randomBytes(16).toString('hex')}`;
const TOKYO_ID = randomUUID();
const OFFICES = 10_000;

// Beside the generated offices (third character 1): these have a 7 there, so no generated number starts like them.
const SAKURA = withOfficeCheckDigit('137200001'); // Tokyo, district 20
const SAKURA_2 = withOfficeCheckDigit('137200002'); // Tokyo, district 20, unlisted, no license
const SAKURA_OKINAWA = withOfficeCheckDigit('477200001');

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * What the console reads beyond the registration (GET /ops/v1/offices with its search, /ops/v1/audit with its
 * filters, /ops/v1/offices/:no/activity) on the real HTTP stack and PostgreSQL, 10,000 offices registered; the
 * router is a stand-in answering its internal webhook route. A prefecture operator never sees another's.
 */
describe('console reads: office search, audit filters, office activity (real PostgreSQL and Kafka)', () => {
  const run = randomBytes(4).toString('hex');
  let db: TestDatabase;
  let ds: DataSource;
  let app: NestFastifyApplication;
  let kafka: KafkaService;
  let router: Server;
  let routerAnswers = true;
  const routerCalls: string[] = [];

  const get = async <T>(url: string, token: string) => {
    const res = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    return { status: res.statusCode, body: res.json<T>() };
  };
  const offices = (query: string, token = CENTRAL) => get<Page<OfficeDto>>(`/ops/v1/offices?${query}`, token);
  const audit = (query: string, token = CENTRAL) => get<Page<AuditEntryDto>>(`/ops/v1/audit?${query}`, token);
  const numbers = (p: { body: Page<OfficeDto> }) => p.body.items.map((o) => o.officeNumber);

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [archiveDatabase]);
    await ds.query(
      `INSERT INTO "archive"."operators" ("id", "name", "role", "prefecture", "token_hash")
       VALUES ($1, '中央', 'central', NULL, $2), ($3, '東京都 山田', 'prefecture', '13', $4),
              ($5, '沖縄県', 'prefecture', '47', $6)`,
      [randomUUID(), hashToken(CENTRAL), TOKYO_ID, hashToken(TOKYO), randomUUID(), hashToken(OKINAWA)],
    );
    // 10,000 offices over the 47 prefectures and 30 districts, as a federation's registry grows to.
    await ds.query(
      `INSERT INTO "archive"."offices" ("office_number", "prefecture", "district", "name", "kind")
       SELECT p || '1' || d || lpad(i::text, 5, '0'), p, d, 'ケアプラン事業所' || i, '居宅介護支援'
         FROM generate_series(1, $1) i,
              LATERAL (SELECT lpad((i % 47 + 1)::text, 2, '0') AS p, lpad((i % 30)::text, 2, '0') AS d) x`,
      [OFFICES],
    );
    await ds.query(
      `INSERT INTO "archive"."offices" ("office_number", "prefecture", "district", "name", "kind", "listed")
       VALUES ($1, '13', '20', 'ＳＡＫＵＲＡケアプランｾﾝﾀｰ', '居宅介護支援', true),
              ($2, '13', '20', 'さくら100%訪問介護', '訪問介護', false),
              ($3, '47', '20', 'Sakuraケアプランセンター', '居宅介護支援', true)`,
      [SAKURA, SAKURA_2, SAKURA_OKINAWA],
    );
    await ds.query(
      `INSERT INTO "archive"."licenses" ("office_number", "status", "state", "billing_method", "first_start", "last_end")
       VALUES ($1, 'active', 'active', 'invoice', '2026-06-01', '2027-05-31')`,
      [SAKURA],
    );
    // 25 history rows of SAKURA, one minute apart: the latest 20 are shown.
    const base = Date.UTC(2026, 10, 1, 0, 0);
    for (let i = 0; i < 25; i++)
      await ds.query(
        `INSERT INTO "archive"."history" ("office_number", "event", "role", "counterpart_office_number",
           "submission_id", "occurred_at", "event_id") VALUES ($1, $2, 'sender', $3, $4, $5, $6)`,
        [
          SAKURA,
          i % 2 ? 'delivered' : 'sent',
          SAKURA_OKINAWA,
          randomUUID(),
          new Date(base + i * 60_000),
          randomUUID(),
        ],
      );

    // The audit log: who did what, about which office, when (as recordAudit writes it, at a given time).
    const entry = (
      at: string,
      actor: { id: string | null; name: string },
      action: string,
      target: string,
      prefecture: string | null,
    ) =>
      ds.query(
        `INSERT INTO "archive"."audit_log" ("at", "operator_id", "operator_name", "action", "target", "prefecture")
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [at, actor.id, actor.name, action, target, prefecture],
      );
    const yamada = { id: TOKYO_ID, name: '東京都 山田' };
    const central = { id: randomUUID(), name: '中央 Admin' };
    await entry('2026-10-31T14:59:00Z', yamada, 'office.create', SAKURA, '13'); // 10-31 23:59 in Japan
    await entry('2026-10-31T15:00:00Z', yamada, 'license.apply', SAKURA, '13'); // 11-01 00:00
    await entry('2026-11-01T03:00:00Z', central, 'license.suspend', SAKURA, '13');
    await entry('2026-11-02T14:59:59Z', yamada, 'key.issue', SAKURA_2, '13'); // 11-02 23:59:59
    await entry('2026-11-02T15:00:00Z', yamada, 'license.end', SAKURA, '13'); // 11-03 00:00
    await entry('2026-11-01T05:00:00Z', central, 'license.apply', SAKURA_OKINAWA, '47');
    await entry('2026-11-01T06:00:00Z', central, 'operator.create', randomUUID(), null);

    router = createServer((req, res) => {
      routerCalls.push(`${req.url ?? ''} ${String(req.headers['x-internal-token'] === TOKEN)}`);
      if (!routerAnswers) return; // never answers: the archive's short timeout
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          configured: true,
          host: 'hooks.example.jp',
          configuredAt: '2026-10-01T00:00:00.000Z',
          lastDelivery: { status: 'failed', at: '2026-11-01T00:10:00.000Z', error: 'HTTP 503' },
          deadLetters: 2,
        }),
      );
    });
    await new Promise<void>((resolve) => router.listen(0, '127.0.0.1', resolve));

    const env = loadEnv(ArchiveEnv, {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: `it${run}.`,
      KAFKA_GROUP_PREFIX: `it${run}`,
      KAFKA_PARTITIONS: '1',
      INTERNAL_TOKEN: TOKEN,
      ROUTER_URL: `http://127.0.0.1:${(router.address() as AddressInfo).port}`,
      LOG_LEVEL: 'silent',
    });
    @Module({
      imports: [
        PlatformModule.forRoot({ serviceName: 'archive', logLevel: 'silent', internalToken: TOKEN }),
        PersistenceModule.forRoot(env.DATABASE_URL, archiveDatabase),
        MessagingModule.forRoot(env, { service: 'archive', schema: archiveDatabase.schema }),
        ArchiveConfigModule.forRoot(env),
        RegistryModule,
        AuditModule,
        OfficeActivityModule,
      ],
    })
    class TestModule {}
    app = await createHttpApp(TestModule, {
      port: 0,
      host: '127.0.0.1',
      internal: { port: await freePort(), host: '127.0.0.1' },
    });
    kafka = app.get(KafkaService);
  });

  afterAll(async () => {
    await app?.close();
    router?.closeAllConnections();
    await new Promise((resolve) => (router ? router.close(resolve) : resolve(undefined)));
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

  describe('GET /ops/v1/offices search', () => {
    it('finds a name in part, regardless of case and of full- or half-width forms', async () => {
      expect(numbers(await offices(`name=${encodeURIComponent('sakuraケアプランセンター')}`))).toEqual([
        SAKURA,
        SAKURA_OKINAWA,
      ]);
      expect(numbers(await offices(`name=${encodeURIComponent('ｻｸﾗ')}`))).toEqual([]);
      expect(numbers(await offices(`name=${encodeURIComponent('さくら')}`))).toEqual([SAKURA_2]);
      // A % is a character of the name, not a wildcard.
      expect(numbers(await offices(`name=${encodeURIComponent('100%訪問')}`))).toEqual([SAKURA_2]);
      expect(numbers(await offices(`name=${encodeURIComponent('0%訪問')}`))).toEqual([SAKURA_2]);
      expect(numbers(await offices(`name=${encodeURIComponent('1%訪問')}`))).toEqual([]);
    });

    it('combines number prefix, prefecture, district and name, and pages them by number', async () => {
      expect(numbers(await offices('number=1372'))).toEqual([SAKURA, SAKURA_2]);
      expect(numbers(await offices('number=137200001'))).toEqual([SAKURA]);
      expect(numbers(await offices(`prefecture=13&district=20&name=${encodeURIComponent('ｾﾝﾀｰ')}`))).toEqual([
        SAKURA,
      ]);
      // District 05 of Tokyo: generated offices only, every one of them, in number order over pages.
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 20; i++) {
        const page = await offices(`prefecture=13&district=05&limit=2${cursor}`);
        expect(page.status).toBe(200);
        seen.push(...numbers(page));
        if (!page.body.nextCursor) break;
        cursor = `&cursor=${page.body.nextCursor}`;
      }
      const [{ count }] = await ds.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM "archive"."offices" WHERE prefecture = '13' AND district = '05'`,
      );
      expect(seen.length).toBe(count);
      expect(count).toBeGreaterThan(2);
      expect([...seen].sort()).toEqual(seen);
      expect(seen.every((n) => n.startsWith('131') && n.slice(3, 5) === '05')).toBe(true);
    });

    it("keeps a prefecture operator to its prefecture: its own offices only, another's refused", async () => {
      const found = await offices(`name=${encodeURIComponent('ＳＡＫＵＲＡ')}`, TOKYO);
      expect(numbers(found)).toEqual([SAKURA]);
      expect(numbers(await offices('number=4772', TOKYO))).toEqual([]);
      const other = await offices('prefecture=47', TOKYO);
      expect(other.status).toBe(403);
      expect(other.body).toMatchObject({ code: 'OPS_SCOPE' });
    });

    it('refuses malformed filters (400)', async () => {
      for (const q of ['district=5', 'number=13-7', 'prefecture=48', 'name=', `name=${'x'.repeat(101)}`])
        expect([q, (await offices(q)).status]).toEqual([q, 400]);
    });

    it('answers a search of the 10,000 offices quickly', async () => {
      const started = Date.now();
      for (const q of [
        `name=${encodeURIComponent('事業所99')}`,
        'number=13',
        'district=07',
        'name=nothing-like-it',
      ])
        expect((await offices(`${q}&limit=100`)).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });

  describe('GET /ops/v1/audit filters', () => {
    const actions = (p: { body: Page<AuditEntryDto> }) => p.body.items.map((e) => e.action);

    it('filters by operator id or part of the name, by action prefix and by office', async () => {
      expect(actions(await audit(`operator=${TOKYO_ID}`))).toEqual([
        'license.end',
        'key.issue',
        'license.apply',
        'office.create',
      ]);
      expect(actions(await audit(`operator=${encodeURIComponent('admin')}`))).toEqual([
        'operator.create',
        'license.apply',
        'license.suspend',
      ]);
      expect(actions(await audit('action=license.'))).toEqual([
        'license.end',
        'license.apply',
        'license.suspend',
        'license.apply',
      ]);
      expect(actions(await audit(`office=${SAKURA}&action=license.apply`))).toEqual(['license.apply']);
      expect(actions(await audit(`office=${SAKURA_2}`))).toEqual(['key.issue']);
    });

    it('takes a period of Japan days, both ends inclusive, or timestamps with their zone', async () => {
      expect(actions(await audit(`office=${SAKURA}&from=2026-11-01&to=2026-11-02`))).toEqual([
        'license.suspend',
        'license.apply',
      ]);
      expect(actions(await audit('from=2026-11-02&to=2026-11-02'))).toEqual(['key.issue']);
      expect(
        actions(
          await audit(`from=${encodeURIComponent('2026-11-01T12:00:00+09:00')}&to=2026-11-01T05:00:00Z`),
        ),
      ).toEqual(['license.apply', 'license.suspend']);
      expect((await audit('from=yesterday')).status).toBe(400);
      expect((await audit('office=12345')).status).toBe(400);
      expect((await audit('action=license%20end')).status).toBe(400);
    });

    it('pages the filtered entries with its cursor', async () => {
      const first = await audit('action=license.&limit=3');
      expect(actions(first)).toEqual(['license.end', 'license.apply', 'license.suspend']);
      const second = await audit(`action=license.&limit=3&cursor=${first.body.nextCursor ?? ''}`);
      expect(actions(second)).toEqual(['license.apply']);
      expect(second.body.items[0].target).toBe(SAKURA);
      expect(second.body.nextCursor).toBeNull();
    });

    it("keeps a prefecture operator to its prefecture's entries, whatever the filters", async () => {
      const tokyo = await audit('action=license.', TOKYO);
      expect(tokyo.body.items.map((e) => e.prefecture)).toEqual(['13', '13', '13']);
      expect((await audit(`office=${SAKURA_OKINAWA}`, TOKYO)).body.items).toEqual([]);
      expect((await audit('action=operator.', TOKYO)).body.items).toEqual([]);
      expect(actions(await audit(`office=${SAKURA_OKINAWA}`, OKINAWA))).toEqual(['license.apply']);
    });
  });

  describe('GET /ops/v1/offices/:no/activity', () => {
    it("shows the webhook (the router's, host only), the directory listing and the latest 20 history rows", async () => {
      routerAnswers = true;
      const { status, body } = await get<OfficeActivityDto>(`/ops/v1/offices/${SAKURA}/activity`, TOKYO);
      expect(status).toBe(200);
      expect(body.webhook).toEqual({
        configured: true,
        host: 'hooks.example.jp',
        configuredAt: '2026-10-01T00:00:00.000Z',
        lastDelivery: { status: 'failed', at: '2026-11-01T00:10:00.000Z', error: 'HTTP 503' },
        deadLetters: 2,
      });
      expect(routerCalls).toContain(`/internal/v1/offices/${SAKURA}/webhook true`);
      expect(body.directory).toEqual({
        listed: true,
        connected: true,
        connectedSince: '2026-06-01',
        searchable: true,
      });
      expect(body.history).toHaveLength(20);
      expect(body.moreHistory).toBe(true);
      expect(body.history[0]).toMatchObject({
        officeNumber: SAKURA,
        event: 'sent',
        occurredAt: new Date(Date.UTC(2026, 10, 1, 0, 24)).toISOString(),
      });
      const times = body.history.map((h) => h.occurredAt);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('says unlisted and not connected, with no history, and shows the rest when the router does not answer', async () => {
      routerAnswers = false;
      const { status, body } = await get<OfficeActivityDto>(`/ops/v1/offices/${SAKURA_2}/activity`, CENTRAL);
      routerAnswers = true;
      expect(status).toBe(200);
      expect(body).toEqual({
        officeNumber: SAKURA_2,
        webhook: null,
        directory: { listed: false, connected: false, connectedSince: null, searchable: false },
        history: [],
        moreHistory: false,
      });
    });

    it("answers another prefecture's office as not found, like the office itself, without asking the router", async () => {
      const before = routerCalls.length;
      for (const no of [SAKURA_OKINAWA, withOfficeCheckDigit('479999999')]) {
        const res = await get<{ code: string }>(`/ops/v1/offices/${no}/activity`, TOKYO);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('OFFICE_NOT_FOUND');
      }
      expect(routerCalls.length).toBe(before);
      expect((await get(`/ops/v1/offices/${SAKURA_OKINAWA}/activity`, OKINAWA)).status).toBe(200);
      expect((await get('/ops/v1/offices/12345/activity', CENTRAL)).status).toBe(422);
      expect((await get(`/ops/v1/offices/${SAKURA}/activity`, 'cpo_wrong')).status).toBe(401);
    });
  });
});
