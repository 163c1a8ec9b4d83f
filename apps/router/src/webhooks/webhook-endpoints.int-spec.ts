import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource } from '@careplan/persistence';
import { WebhookConfiguredEvent, webhookSecretContext } from '@careplan/contracts';
import { PermanentError } from '@careplan/messaging';
import { SecretKeyring } from '@careplan/platform';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { routerDatabase } from '../database/router.database';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';

const URL_A = 'https://vendor.example.jp/hook';
const key = () => randomBytes(32).toString('base64');

describe('webhook endpoints keep signing secrets sealed (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const ringKey = key();
  const ring = SecretKeyring.parse(ringKey);
  let endpoints: WebhookEndpointsService;
  let serial = 0;
  const office = () => withOfficeCheckDigit(`13${String(7_000_000 + serial++).padStart(7, '0')}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [routerDatabase]);
    endpoints = new WebhookEndpointsService(new WebhookEndpointsRepository(ds), ring);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const event = (officeNumber: string, fields: Partial<WebhookConfiguredEvent>) =>
    Object.assign(new WebhookConfiguredEvent(), {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      officeNumber,
      url: URL_A,
      ...fields,
    });

  const stored = (officeNumber: string) =>
    ds
      .query<{ secret: string | null; secret_sealed: string | null }[]>(
        `SELECT secret, secret_sealed FROM router.webhook_endpoints WHERE office_number = $1`,
        [officeNumber],
      )
      .then((rows) => rows[0]);

  it('stores the sealed secret of an event as it came, and opens it only to sign', async () => {
    const no = office();
    const sealed = ring.seal('whsec_sealed', webhookSecretContext(no, URL_A));
    await endpoints.apply(event(no, { secretSealed: sealed }), ds.manager);
    expect(await stored(no)).toEqual({ secret: null, secret_sealed: sealed });
    expect((await endpoints.find(no))?.secret).toBe('whsec_sealed');
    expect(await endpoints.configured([no], ds.manager)).toEqual([
      { officeNumber: no, configuredAt: expect.any(Date) as Date },
    ]);
  });

  it('seals the plain secret of an event from before sealing before storing it', async () => {
    const no = office();
    await endpoints.apply(event(no, { secret: 'whsec_legacy' }), ds.manager);
    const row = await stored(no);
    expect(row.secret).toBeNull();
    expect(row.secret_sealed).not.toContain('whsec_legacy');
    expect((await endpoints.find(no))?.secret).toBe('whsec_legacy');
  });

  it('refuses for good a sealed secret it cannot open: another key, office or URL', async () => {
    const no = office();
    const foreign = SecretKeyring.parse(key()).seal('s', webhookSecretContext(no, URL_A));
    const otherOffice = ring.seal('s', webhookSecretContext(office(), URL_A));
    const otherUrl = ring.seal('s', webhookSecretContext(no, 'https://evil.example.jp/'));
    for (const secretSealed of [foreign, otherOffice, otherUrl])
      await expect(endpoints.apply(event(no, { secretSealed }), ds.manager)).rejects.toBeInstanceOf(
        PermanentError,
      );
    expect(await stored(no)).toBeUndefined();
  });

  it('seals at start the plain rows written before, and rows under a retired key', async () => {
    const [plainNo, oldKeyNo] = [office(), office()];
    await ds.query(
      `INSERT INTO router.webhook_endpoints (office_number, url, secret, configured_at) VALUES ($1, $2, 'whsec_old_row', now())`,
      [plainNo, URL_A],
    );
    const oldKey = key();
    const oldSealed = SecretKeyring.parse(oldKey).seal(
      'whsec_old_key',
      webhookSecretContext(oldKeyNo, URL_A),
    );
    await ds.query(
      `INSERT INTO router.webhook_endpoints (office_number, url, secret_sealed, configured_at) VALUES ($1, $2, $3, now())`,
      [oldKeyNo, URL_A, oldSealed],
    );
    const rotated = new WebhookEndpointsService(
      new WebhookEndpointsRepository(ds),
      SecretKeyring.parse(`${key()},${oldKey},${ringKey}`),
    );
    await rotated.onApplicationBootstrap();

    const plainRow = await stored(plainNo);
    expect(plainRow.secret).toBeNull();
    expect(plainRow.secret_sealed).not.toContain('whsec_old_row');
    expect((await rotated.find(plainNo))?.secret).toBe('whsec_old_row');
    const oldKeyRow = await stored(oldKeyNo);
    expect(oldKeyRow.secret_sealed).not.toBe(oldSealed);
    expect((await rotated.find(oldKeyNo))?.secret).toBe('whsec_old_key');
    // Nothing left to do on the next start.
    expect(await rotated.sealStoredSecrets()).toBe(0);
    const [{ plain }] = await ds.query<{ plain: string }[]>(
      `SELECT count(*)::int AS plain FROM router.webhook_endpoints WHERE secret IS NOT NULL`,
    );
    expect(plain).toBe(0);
  });
});
