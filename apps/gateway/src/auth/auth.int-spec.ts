import { Logger, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@careplan/messaging';
import { migratedDataSource, migrateService, storageDatabase } from '@careplan/persistence';
import { createHttpApp, loadEnv, PlatformModule } from '@careplan/platform';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { GatewayEnv } from '../config/gateway.env';
import { gatewayDatabase } from '../database/gateway.database';
import { ApiKeyGuard } from '../offices/api-key.guard';
import { ApiKeysRepository } from '../offices/api-keys.repository';
import { KeysController } from '../offices/keys.controller';
import { KeysService } from '../offices/keys.service';
import { OfficesRepository } from '../offices/offices.repository';
import { OfficesService } from '../offices/offices.service';
import { officesServiceOn } from '../offices/offices.testing';
import { registeredOffice } from '../registry/registry.testing';
import { SessionsService } from '../staff/sessions.service';
import { StaffUsersRepository } from '../staff/staff-users.repository';
import { AccessTokensService } from './access-tokens.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { TokenKeyRepository } from './token-key.repository';
import { useTokenRequestForms } from './token-form.parser';
import { TokenKeysService } from './token-keys.service';

const OFFICE = withOfficeCheckDigit('131297001');
const OTHER = withOfficeCheckDigit('131297002');

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: Record<string, unknown> & { code?: string; items?: Record<string, unknown>[] };
}

describe('roles on keys and access tokens for them (PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let app: NestFastifyApplication;
  let adminKey: string;
  let otherKey: string;
  let now = new Date();
  const env = loadEnv(GatewayEnv, {});

  const inject = async (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: string | object,
  ): Promise<Answer> => {
    const res = await app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method,
        url,
        headers: {
          ...headers,
          ...(typeof payload === 'object' ? { 'content-type': 'application/json' } : {}),
        },
        payload: typeof payload === 'object' ? JSON.stringify(payload) : payload,
      });
    return { status: res.statusCode, headers: res.headers, body: res.json() };
  };
  const withKey = (key: string, method: 'GET' | 'POST' | 'DELETE', url: string, body?: object) =>
    inject(method, url, { 'x-api-key': key }, body);
  const withToken = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, body?: object) =>
    inject(method, url, { authorization: `Bearer ${token}` }, body);
  const form = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    inject(
      'POST',
      '/v1/auth/token',
      { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      new URLSearchParams(params).toString(),
    );
  const tokenFor = async (key: string, scope?: string) => {
    const res = await form({
      grant_type: 'client_credentials',
      client_secret: key,
      ...(scope ? { scope } : {}),
    });
    expect(res.status).toBe(200);
    return res.body.access_token as string;
  };
  const createKey = async (role?: 'admin' | 'member', by = adminKey) => {
    const res = await withKey(by, 'POST', '/v1/keys', {
      label: `PC ${role ?? 'default'}`,
      ...(role ? { role } : {}),
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; key: string; role: string };
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [storageDatabase, gatewayDatabase]);
    adminKey = (await registeredOffice(ds, OFFICE, '東京居宅')).apiKey;
    otherKey = (await registeredOffice(ds, OTHER, '大阪居宅')).apiKey;
    const tokenKeys = new TokenKeysService(env, new TokenKeyRepository(ds));
    const tokens = new AccessTokensService(env, tokenKeys, () => now);
    const offices = officesServiceOn(ds);

    @Module({
      imports: [PlatformModule.forRoot({ serviceName: 'it-gateway-auth', logLevel: 'silent' })],
      controllers: [KeysController, AuthController],
      providers: [
        { provide: OfficesService, useValue: offices },
        { provide: AccessTokensService, useValue: tokens },
        { provide: TokenKeysService, useValue: tokenKeys },
        { provide: AuthService, useValue: new AuthService(offices, tokens) },
        {
          provide: SessionsService,
          useValue: new SessionsService(ds, new StaffUsersRepository(ds), new OfficesRepository(ds), tokens),
        },
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
    app = await createHttpApp(TestModule, {
      port: 0,
      host: '127.0.0.1',
      internal: { port: 0, host: '127.0.0.1' },
      configure: useTokenRequestForms,
    });
  });

  beforeEach(() => (now = new Date()));

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await db?.drop();
  });

  it('issues member keys unless asked for admin, lists each with its role, and refuses a member key the key admin', async () => {
    const member = await createKey();
    const admin = await createKey('admin');
    expect([member.role, admin.role]).toEqual(['member', 'admin']);
    const listed = await withKey(admin.key, 'GET', '/v1/keys');
    expect(listed.body.items?.map((k) => [k.id, k.role])).toEqual(
      expect.arrayContaining([
        [member.id, 'member'],
        [admin.id, 'admin'],
      ]),
    );

    for (const [method, url, body] of [
      ['GET', '/v1/keys', undefined],
      ['POST', '/v1/keys', { label: 'escalate', role: 'admin' }],
      ['DELETE', `/v1/keys/${admin.id}`, undefined],
    ] as const) {
      const refused = await withKey(member.key, method, url, body);
      expect([refused.status, refused.body.code, refused.body.requiredRole]).toEqual([
        403,
        'KEY_ROLE_FORBIDDEN',
        'admin',
      ]);
    }
    // A member still is the office, on the routes members may use.
    expect((await withKey(member.key, 'GET', '/v1/me')).body).toEqual({
      officeNumber: OFFICE,
      officeName: '東京居宅',
      keyId: member.id,
      staff: null,
      role: 'member',
      credential: 'apiKey',
    });
    expect(
      (await withKey(admin.key, 'GET', `/v1/keys`)).body.items?.find((k) => k.id === admin.id)?.revokedAt,
    ).toBeNull();
    expect((await withKey(adminKey, 'POST', '/v1/keys', { label: 'x', role: 'owner' })).status).toBe(400);
  });

  it('never lets an office revoke its last active admin key (409 API_KEY_LAST_ADMIN); another admin first, then it may', async () => {
    const lone = (await registeredOffice(ds, withOfficeCheckDigit('131297003'), '単独居宅')).apiKey;
    const self = (await withKey(lone, 'GET', '/v1/me')).body.keyId as string;
    const member = await createKey('member', lone);
    const refused = await withKey(lone, 'DELETE', `/v1/keys/${self}`);
    expect([refused.status, refused.body.code, refused.body.keyId]).toEqual([
      409,
      'API_KEY_LAST_ADMIN',
      self,
    ]);
    expect((await withKey(lone, 'GET', '/v1/keys')).status).toBe(200);
    expect((await withKey(lone, 'DELETE', `/v1/keys/${member.id}`)).status).toBe(200);

    const second = await createKey('admin', lone);
    expect((await withKey(second.key, 'DELETE', `/v1/keys/${self}`)).status).toBe(200);
    const last = await withKey(second.key, 'DELETE', `/v1/keys/${second.id}`);
    expect([last.status, last.body.code]).toEqual([409, 'API_KEY_LAST_ADMIN']);
    // Parallel revocations of the last two admin keys: one wins, the office keeps the other.
    const third = await createKey('admin', second.key);
    const both = await Promise.all([
      withKey(second.key, 'DELETE', `/v1/keys/${third.id}`),
      withKey(third.key, 'DELETE', `/v1/keys/${second.id}`),
    ]);
    // The loser answers 409, or 401 when its own key was the one revoked before it authenticated.
    expect(both.filter((r) => r.status === 200)).toHaveLength(1);
    const active = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "gateway"."api_keys" WHERE "id" = ANY($1) AND "revoked_at" IS NULL`,
      [[second.id, third.id]],
    );
    expect(active[0].n).toBe(1);
  });

  it('exchanges a key for a token (form, JSON, Basic, X-API-Key) that works until the key is revoked', async () => {
    const key = await createKey('member');
    const res = await form({ grant_type: 'client_credentials', client_secret: key.key });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(res.body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'member' });
    const token = res.body.access_token as string;
    const basic = `Basic ${Buffer.from(`${key.id}:${key.key}`).toString('base64')}`;
    for (const other of [
      await inject(
        'POST',
        '/v1/auth/token',
        {},
        { grant_type: 'client_credentials', client_secret: key.key },
      ),
      await form({ grant_type: 'client_credentials' }, { authorization: basic }),
      await form({ grant_type: 'client_credentials', client_id: OFFICE }, { 'x-api-key': key.key }),
    ])
      expect([other.status, other.body.scope]).toEqual([200, 'member']);

    const me = await withToken(token, 'GET', '/v1/me');
    expect(me.body).toMatchObject({
      officeNumber: OFFICE,
      keyId: key.id,
      role: 'member',
      credential: 'accessToken',
    });
    const refused = await withToken(token, 'GET', '/v1/keys');
    expect([refused.status, refused.body.code]).toEqual([403, 'KEY_ROLE_FORBIDDEN']);

    expect((await withKey(adminKey, 'DELETE', `/v1/keys/${key.id}`)).status).toBe(200);
    const revoked = await withToken(token, 'GET', '/v1/me');
    expect([revoked.status, revoked.body.code]).toEqual([401, 'ACCESS_TOKEN_REVOKED']);
    expect(revoked.headers['www-authenticate']).toBe(
      'Bearer realm="careplan-exchange", error="invalid_token"',
    );
    const again = await form({ grant_type: 'client_credentials', client_secret: key.key });
    expect([again.status, again.body.code, again.body.error]).toEqual([
      401,
      'API_KEY_REVOKED',
      'invalid_client',
    ]);
  });

  it('carries the role: an admin token manages keys, an admin key may ask for a member token, a member none for admin', async () => {
    const admin = await tokenFor(adminKey);
    expect((await withToken(admin, 'GET', '/v1/keys')).status).toBe(200);
    const created = await withToken(admin, 'POST', '/v1/keys', { label: 'by token' });
    expect([created.status, created.body.role]).toEqual([201, 'member']);
    const lesser = await tokenFor(adminKey, 'member');
    expect((await withToken(lesser, 'GET', '/v1/keys')).body.code).toBe('KEY_ROLE_FORBIDDEN');
    const asked = await form({
      grant_type: 'client_credentials',
      client_secret: created.body.key as string,
      scope: 'admin',
    });
    expect([asked.status, asked.body.code, asked.body.error]).toEqual([
      400,
      'TOKEN_SCOPE_INVALID',
      'invalid_scope',
    ]);
  });

  it('refuses an expired, a made-up and an API key sent as bearer token, each with its code', async () => {
    const token = await tokenFor(adminKey);
    now = new Date(now.getTime() + 3600_000);
    const expired = await withToken(token, 'GET', '/v1/me');
    expect([expired.status, expired.body.code]).toEqual([401, 'ACCESS_TOKEN_EXPIRED']);
    for (const bad of ['eyJhbGciOiJFZERTQSJ9.e30.AAAA', adminKey, ''])
      expect((await withToken(bad, 'GET', '/v1/me')).body.code).toBe('ACCESS_TOKEN_INVALID');
    // Another scheme is no credential at all.
    expect((await inject('GET', '/v1/me', { authorization: 'Basic eDp5' })).body.code).toBe(
      'API_KEY_MISSING',
    );
    // The key wins when both come.
    expect(
      (await inject('GET', '/v1/me', { authorization: 'Bearer nonsense', 'x-api-key': adminKey })).status,
    ).toBe(200);
  });

  it("keeps a token to its key's office: another office's resources stay out of reach", async () => {
    const theirs = await tokenFor(otherKey);
    const mine = (await withKey(adminKey, 'GET', '/v1/keys')).body.items?.[0]?.id as string;
    const attempt = await withToken(theirs, 'DELETE', `/v1/keys/${mine}`);
    expect([attempt.status, attempt.body.code]).toEqual([404, 'API_KEY_NOT_FOUND']);
    expect((await withToken(theirs, 'GET', '/v1/me')).body.officeNumber).toBe(OTHER);
  });

  it('answers token requests OAuth clients understand: grant type, client, media type', async () => {
    // Forms are for the token route only.
    const keyForm = await inject(
      'POST',
      '/v1/keys',
      { 'x-api-key': adminKey, 'content-type': 'application/x-www-form-urlencoded' },
      'label=x',
    );
    expect([keyForm.status, keyForm.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const repeated = await inject(
      'POST',
      '/v1/auth/token',
      { 'content-type': 'application/x-www-form-urlencoded' },
      `grant_type=client_credentials&grant_type=client_credentials&client_secret=${adminKey}`,
    );
    expect([repeated.status, repeated.body.error]).toEqual([400, 'invalid_request']);
    const cases: [Answer, number, string, string | undefined][] = [
      [await form({ client_secret: adminKey }), 400, 'TOKEN_REQUEST_INVALID', 'invalid_request'],
      [
        await form({ grant_type: 'password', client_secret: adminKey }),
        400,
        'TOKEN_GRANT_UNSUPPORTED',
        'unsupported_grant_type',
      ],
      [await form({ grant_type: 'client_credentials' }), 401, 'API_KEY_MISSING', 'invalid_client'],
      [
        await form({ grant_type: 'client_credentials', client_secret: 'cpx_guess' }),
        401,
        'API_KEY_INVALID',
        'invalid_client',
      ],
      [
        await form({ grant_type: 'client_credentials', client_secret: adminKey, client_id: randomUUID() }),
        401,
        'API_KEY_INVALID',
        'invalid_client',
      ],
      [
        await inject(
          'POST',
          '/v1/auth/token',
          { 'content-type': 'text/plain' },
          'grant_type=client_credentials',
        ),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        undefined,
      ],
    ];
    expect(cases.map(([r]) => [r.status, r.body.code, r.body.error])).toEqual(
      cases.map(([, s, c, e]) => [s, c, e]),
    );
    const basic = await form(
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${Buffer.from(':cpx_guess').toString('base64')}` },
    );
    expect([basic.status, basic.headers['www-authenticate']]).toEqual([
      401,
      'Basic realm="careplan-exchange"',
    ]);
  });

  it('publishes the signing key at /.well-known/jwks.json; every instance on the database signs with the one key', async () => {
    const jwks = await inject('GET', '/.well-known/jwks.json', {});
    expect(jwks.status).toBe(200);
    const token = await tokenFor(adminKey);
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks.body as never), {
      issuer: env.TOKEN_ISSUER,
    });
    expect(payload).toMatchObject({ office: OFFICE, role: 'admin' });
    const instances = [1, 2, 3].map(() => new TokenKeysService(env, new TokenKeyRepository(ds)));
    const kids = await Promise.all(instances.map(async (k) => (await k.signingKey()).keyId));
    expect(new Set([...kids, protectedHeader.kid])).toEqual(new Set([protectedHeader.kid]));
  });
});

describe('the key roles migration (PostgreSQL)', () => {
  it('makes every existing key admin, and keys stored later member unless they say', async () => {
    const db = await createTestDatabase();
    try {
      const all = gatewayDatabase.migrations as { name: string }[];
      const roles = all.findIndex((m) => m.name === 'GatewayKeyRoles1765000000100');
      const before = { ...gatewayDatabase, migrations: all.slice(0, roles) };
      await migrateService(db.url, before as typeof gatewayDatabase);
      const ds = await migratedDataSource(db.url, [storageDatabase]);
      const insert = (id: string) =>
        ds.query(
          `INSERT INTO "gateway"."api_keys" ("id", "office_number", "key_hash", "key_prefix") VALUES ($1, '1312970012', $2, 'cpx_x')`,
          [id, id.replace(/-/g, '').padEnd(64, '0')],
        );
      const old = randomUUID();
      await insert(old);
      await migrateService(db.url, gatewayDatabase);
      const later = randomUUID();
      await insert(later);
      const stored = await ds.query<{ id: string; role: string }[]>(
        `SELECT "id", "role" FROM "gateway"."api_keys"`,
      );
      expect(Object.fromEntries(stored.map((r) => [r.id, r.role]))).toEqual({
        [old]: 'admin',
        [later]: 'member',
      });
      await ds.destroy();
    } finally {
      await db.drop();
    }
  });
});
