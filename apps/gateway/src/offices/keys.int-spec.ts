import { Logger, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@careplan/messaging';
import { migratedDataSource, storageDatabase } from '@careplan/persistence';
import { createHttpApp, PlatformModule } from '@careplan/platform';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { createTestDatabase, freePort, TestDatabase } from '@careplan/testing';
import { gatewayDatabase } from '../database/gateway.database';
import { applyOfficeChanged } from '../registry/registry.projection';
import { registeredOffice } from '../registry/registry.testing';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysRepository } from './api-keys.repository';
import { InternalKeysController } from './internal-keys.controller';
import { KeysController } from './keys.controller';
import { KeysService } from './keys.service';
import { OfficesRepository } from './offices.repository';
import { OfficesService } from './offices.service';
import { accessTokensOn, officesServiceOn } from './offices.testing';
import { AccessTokensService } from '../auth/access-tokens.service';

const TOKEN = 'it-internal-token-of-32-characters!';
const SEEDED = withOfficeCheckDigit('131298001');
// Registered in the archive a moment ago: the gateway's projection has not got it yet.
const JUST_REGISTERED = withOfficeCheckDigit('131298002');

interface Answer<T> {
  status: number;
  body: T;
}
interface Key {
  id: string;
  officeNumber?: string;
  keyPrefix?: string;
  prefix?: string;
  label: string;
  revokedAt: string | null;
  apiKey?: string;
  key?: string;
  code?: string;
}

describe('API keys: one owner in the gateway for the office and its operators (PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let app: NestFastifyApplication;
  let internalPort: number;
  let officeKey: string;

  const inject = async <T>(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    body?: object,
  ): Promise<Answer<T>> => {
    const res = await app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method,
        url,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        payload: body ? JSON.stringify(body) : undefined,
      });
    return { status: res.statusCode, body: res.json<T>() };
  };
  const vendor = <T = Key>(apiKey: string, method: 'GET' | 'POST' | 'DELETE', url: string, body?: object) =>
    inject<T>(method, url, { 'x-api-key': apiKey }, body);
  // Internal routes answer only on the internal listener, so operators' calls go over a real socket.
  const operator = async <T = Key>(method: 'GET' | 'POST', path: string, body?: object, token = TOKEN) => {
    const res = await fetch(`http://127.0.0.1:${internalPort}/internal/v1/offices${path}`, {
      method,
      headers: { 'x-internal-token': token, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const outboxSources = async (keyId: string) =>
    (
      await ds.query<{ topic: string; source: string }[]>(
        `SELECT topic, payload::jsonb->>'source' AS source FROM "gateway"."outbox"
          WHERE payload::jsonb->>'keyId' = $1 ORDER BY id`,
        [keyId],
      )
    ).map((r) => `${r.topic}:${r.source}`);

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [storageDatabase, gatewayDatabase]);
    const offices = officesServiceOn(ds);
    officeKey = (await registeredOffice(ds, SEEDED, '東京居宅')).apiKey;
    await applyOfficeChanged(ds.manager, {
      officeNumber: SEEDED,
      name: '東京居宅',
      kind: '居宅介護支援',
      active: true,
    });

    @Module({
      imports: [
        PlatformModule.forRoot({ serviceName: 'it-gateway-keys', logLevel: 'silent', internalToken: TOKEN }),
      ],
      controllers: [KeysController, InternalKeysController],
      providers: [
        { provide: OfficesService, useValue: offices },
        { provide: AccessTokensService, useValue: accessTokensOn(ds) },
        {
          provide: KeysService,
          useValue: new KeysService(
            ds,
            { nudge: () => undefined } as OutboxRelay,
            new ApiKeysRepository(ds),
            new OfficesRepository(ds),
          ),
        },
        ApiKeyGuard,
      ],
    })
    class TestModule {}
    internalPort = await freePort();
    app = await createHttpApp(TestModule, {
      port: 0,
      host: '127.0.0.1',
      internal: { port: internalPort, host: '127.0.0.1' },
    });
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await db?.drop();
  });

  it('lets a key an operator issued work at once, listed by the office, published with source operator', async () => {
    const issued = await operator('POST', `/${SEEDED}/keys`, { label: '運用発行' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ officeNumber: SEEDED, label: '運用発行', revokedAt: null });
    expect(issued.body.apiKey?.startsWith(issued.body.keyPrefix!)).toBe(true);

    const mine = await vendor<{ items: Key[] }>(issued.body.apiKey!, 'GET', '/v1/keys');
    expect(mine.status).toBe(200);
    expect(mine.body.items.find((k) => k.id === issued.body.id)).toMatchObject({
      prefix: issued.body.keyPrefix,
      label: '運用発行',
    });
    expect(await outboxSources(issued.body.id)).toEqual(['careplan.apikey.issued.v1:operator']);
  });

  it("lists the office's own key for the operator, and the operator's revocation holds at the next request", async () => {
    const created = await vendor(officeKey, 'POST', '/v1/keys', { label: '事務所PC' });
    expect(created.status).toBe(201);
    const listed = await operator<{ items: Key[] }>('GET', `/${SEEDED}/keys`);
    expect(listed.body.items.find((k) => k.id === created.body.id)).toMatchObject({
      officeNumber: SEEDED,
      keyPrefix: created.body.prefix,
      label: '事務所PC',
      revokedAt: null,
    });

    const first = await operator<{ key: Key; revokedNow: boolean }>(
      'POST',
      `/${SEEDED}/keys/${created.body.id}/revoke`,
    );
    expect(first.status).toBe(200);
    expect(first.body.revokedNow).toBe(true);
    const again = await operator<{ key: Key; revokedNow: boolean }>(
      'POST',
      `/${SEEDED}/keys/${created.body.id}/revoke`,
    );
    expect(again.body).toEqual({ key: first.body.key, revokedNow: false });
    expect((await vendor(created.body.key!, 'GET', '/v1/keys')).body.code).toBe('API_KEY_REVOKED');
    expect(await outboxSources(created.body.id)).toEqual([
      'careplan.apikey.issued.v1:office',
      'careplan.apikey.revoked.v1:operator',
    ]);
  });

  it('lets the office revoke a key its operator issued, and keeps offices apart', async () => {
    const issued = await operator('POST', `/${SEEDED}/keys`, {});
    expect(issued.body.label).toBe('');
    const revoked = await vendor(officeKey, 'DELETE', `/v1/keys/${issued.body.id}`);
    expect(revoked.status).toBe(200);
    expect((await vendor(issued.body.apiKey!, 'GET', '/v1/keys')).status).toBe(401);
    const seen = (await operator<{ items: Key[] }>('GET', `/${SEEDED}/keys`)).body.items;
    expect(seen.find((k) => k.id === issued.body.id)?.revokedAt).toBe(revoked.body.revokedAt);

    const elsewhere = await operator('POST', `/${JUST_REGISTERED}/keys/${issued.body.id}/revoke`);
    expect([elsewhere.status, elsewhere.body.code]).toEqual([404, 'API_KEY_NOT_FOUND']);
  });

  it("issues a key for an office the projection does not know yet; it answers 403 until the office's event arrives", async () => {
    const issued = await operator('POST', `/${JUST_REGISTERED}/keys`, { label: '新規' });
    expect(issued.status).toBe(201);
    const early = await vendor(issued.body.apiKey!, 'GET', '/v1/keys');
    expect([early.status, early.body.code]).toEqual([403, 'OFFICE_NOT_REGISTERED']);

    await applyOfficeChanged(ds.manager, {
      officeNumber: JUST_REGISTERED,
      name: '新規居宅',
      kind: '居宅介護支援',
      active: true,
    });
    expect((await vendor(issued.body.apiKey!, 'GET', '/v1/keys')).status).toBe(200);
  });

  it("issues an operator's key admin unless told member (the first one admin whatever is asked), and lets an operator revoke the last admin key", async () => {
    const fresh = withOfficeCheckDigit('131298003');
    await applyOfficeChanged(ds.manager, {
      officeNumber: fresh,
      name: '新設居宅',
      kind: '居宅介護支援',
      active: true,
    });
    const first = await operator<Key & { role: string }>('POST', `/${fresh}/keys`, {
      label: '初回',
      role: 'member',
    });
    expect([first.status, first.body.role]).toEqual([201, 'admin']);
    const member = await operator<Key & { role: string }>('POST', `/${fresh}/keys`, { role: 'member' });
    const admin = await operator<Key & { role: string }>('POST', `/${fresh}/keys`, {});
    expect([member.body.role, admin.body.role]).toEqual(['member', 'admin']);
    expect((await operator('POST', `/${fresh}/keys`, { role: 'owner' })).status).toBe(400);

    for (const k of [first.body, admin.body])
      expect((await operator('POST', `/${fresh}/keys/${k.id}/revoke`)).status).toBe(200);
    const listed = await operator<{ items: (Key & { role: string })[] }>('GET', `/${fresh}/keys`);
    expect(listed.body.items.filter((k) => !k.revokedAt).map((k) => k.role)).toEqual(['member']);
    // Without an admin key the office gets one again with the next key, whatever is asked.
    const back = await operator<Key & { role: string }>('POST', `/${fresh}/keys`, { role: 'member' });
    expect(back.body.role).toBe('admin');
  });

  it('refuses a wrong token and malformed numbers and ids; serves nothing internal on the public port', async () => {
    expect((await operator('GET', `/${SEEDED}/keys`, undefined, 'wrong')).status).toBe(401);
    expect((await operator('GET', '/12345/keys')).status).toBe(422);
    expect((await operator('POST', `/${SEEDED}/keys/not-a-uuid/revoke`)).status).toBe(400);
    expect((await operator('POST', `/${SEEDED}/keys`, { label: null })).status).toBe(400);
    const hidden = await inject('GET', `/internal/v1/offices/${SEEDED}/keys`, { 'x-internal-token': TOKEN });
    expect(hidden.status).toBe(404);
  });
});
