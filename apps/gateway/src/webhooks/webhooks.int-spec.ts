import { DataSource, EntityManager } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { migratedDataSource } from '@careplan/persistence';
import { webhookSecretContext } from '@careplan/contracts';
import type { OutboxRelay } from '@careplan/messaging';
import { AppException, loadEnv, SecretKeyring } from '@careplan/platform';
import { GatewayEnv } from '../config/gateway.env';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { gatewayDatabase } from '../database/gateway.database';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { WebhookEntity } from './webhook.entity';
import { OfficesRepository } from '../offices/offices.repository';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

interface OutboxRow {
  payload: { url: string | null; occurredAt: string; secret?: string; secretSealed: string | null };
}

const noRelay = { nudge: () => undefined } as unknown as OutboxRelay;

describe('webhook configuration (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const office: AuthenticatedOffice = {
    officeNumber: withOfficeCheckDigit('431200005'),
    name: '事業所',
    licenseActive: true,
    apiKeyId: '00000000-0000-4000-8000-000000000000',
    role: 'admin',
    credential: 'apiKey',
  };

  const keyring = SecretKeyring.parse(randomBytes(32).toString('hex'));
  const env = loadEnv(GatewayEnv, {});
  const service = () =>
    new WebhooksService(ds, noRelay, keyring, env, new WebhooksRepository(ds), new OfficesRepository(ds));

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [gatewayDatabase]);
    await ds.query(`INSERT INTO "gateway"."offices" ("office_number", "name") VALUES ($1, $2)`, [
      office.officeNumber,
      office.name,
    ]);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('keeps the gateway and the router on the same endpoint when two PUTs race', async () => {
    // The first PUT is slow to reach the database (another instance, a busy pool): the second, sent after
    // it, commits first. Sequenced by barriers, not sleeps: the first's transaction starts only once the
    // second's has committed, and the second is sent only once the first has reached its transaction.
    const transaction = ds.transaction.bind(ds) as (
      work: (m: EntityManager) => Promise<unknown>,
    ) => Promise<unknown>;
    let firstReachedDb: () => void = () => undefined;
    const firstWaiting = new Promise<void>((r) => (firstReachedDb = r));
    let secondDone: () => void = () => undefined;
    const secondCommitted = new Promise<void>((r) => (secondDone = r));
    let calls = 0;
    jest.spyOn(ds, 'transaction').mockImplementation((async (
      work: (m: EntityManager) => Promise<unknown>,
    ) => {
      if (calls++ === 0) {
        firstReachedDb();
        await secondCommitted;
      }
      return transaction(work);
    }) as never);
    const hooks = service();
    await Promise.all([
      hooks.configure(office, 'https://first.example.jp/hook'),
      firstWaiting
        .then(() => hooks.configure(office, 'https://second.example.jp/hook'))
        .finally(() => secondDone()),
    ]);
    jest.restoreAllMocks();

    const shown = await ds.manager.findOneByOrFail(WebhookEntity, { officeNumber: office.officeNumber });
    const events = await ds.query<OutboxRow[]>(`SELECT payload FROM "gateway"."outbox" ORDER BY id`);
    // The router keeps the configuration with the latest occurredAt (WebhookEndpointsService.apply).
    const routerKeeps = events.reduce((a, b) => (b.payload.occurredAt >= a.payload.occurredAt ? b : a));
    expect(routerKeeps.payload.url).toBe(shown.url);
  });

  it('puts the signing secret in the event only sealed, to this office and URL', async () => {
    await ds.query(`DELETE FROM "gateway"."outbox"`);
    const hooks = service();
    const url = 'https://sealed.example.jp/hook';
    const { secret } = await hooks.configure(office, url);
    await hooks.remove(office);

    const [set, removed] = await ds.query<(OutboxRow & { raw: string })[]>(
      `SELECT payload, payload::text AS raw FROM "gateway"."outbox" ORDER BY id`,
    );
    expect(set.raw).not.toContain(secret);
    expect(set.payload).not.toHaveProperty('secret');
    expect(keyring.open(set.payload.secretSealed ?? '', webhookSecretContext(office.officeNumber, url))).toBe(
      secret,
    );
    expect(removed.payload).toMatchObject({ url: null, secretSealed: null });
  });

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as AppException,
    );

  it('refuses loopback, private and link-local URLs with 422, before anything is stored', async () => {
    await ds.query(`DELETE FROM "gateway"."outbox"`);
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://169.254.169.254/latest/meta-data',
      'https://10.1.2.3/hook',
      'https://[::1]/hook',
      'http://[::ffff:169.254.169.254]/latest',
      'http://localhost:3000/hook',
    ]) {
      const e = await refusal(service().configure(office, url));
      expect({ url, status: e?.status, code: e?.code }).toEqual({
        url,
        status: 422,
        code: 'WEBHOOK_URL_PRIVATE',
      });
    }
    expect(await ds.query(`SELECT 1 FROM "gateway"."outbox"`)).toEqual([]);
    // Tests' receivers on loopback: allowed with WEBHOOK_ALLOW_LOOPBACK, private networks still refused.
    const tests = new WebhooksService(
      ds,
      noRelay,
      keyring,
      loadEnv(GatewayEnv, { WEBHOOK_ALLOW_LOOPBACK: 'true' }),
      new WebhooksRepository(ds),
      new OfficesRepository(ds),
    );
    await expect(tests.configure(office, 'http://127.0.0.1:8080/hook')).resolves.toMatchObject({
      url: 'http://127.0.0.1:8080/hook',
    });
    expect((await refusal(tests.configure(office, 'http://192.168.0.1/hook')))?.code).toBe(
      'WEBHOOK_URL_PRIVATE',
    );
  });

  it('refuses a deactivated office with 409 OFFICE_INACTIVE, as for new keys', async () => {
    const closed: AuthenticatedOffice = { ...office, officeNumber: withOfficeCheckDigit('431200013') };
    await ds.query(
      `INSERT INTO "gateway"."offices" ("office_number", "name", "active") VALUES ($1, $2, false)`,
      [closed.officeNumber, closed.name],
    );
    const e = await refusal(service().configure(closed, 'https://vendor.example.jp/hook'));
    expect({ status: e?.status, code: e?.code }).toEqual({ status: 409, code: 'OFFICE_INACTIVE' });
    expect(
      await ds.query(`SELECT 1 FROM "gateway"."webhooks" WHERE office_number = $1`, [closed.officeNumber]),
    ).toEqual([]);
  });
});
