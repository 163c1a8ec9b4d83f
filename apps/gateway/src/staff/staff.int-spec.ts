import { Logger, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { migratedDataSource, storageDatabase } from '@careplan/persistence';
import { createHttpApp, loadEnv, PlatformModule } from '@careplan/platform';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { AccessTokensService, TOKEN_CLOCK } from '../auth/access-tokens.service';
import { AuthController } from '../auth/auth.controller';
import { AuthService } from '../auth/auth.service';
import { useTokenRequestForms } from '../auth/token-form.parser';
import { TokenKeyRepository } from '../auth/token-key.repository';
import { TokenKeysService } from '../auth/token-keys.service';
import { GatewayEnv } from '../config/gateway.env';
import { gatewayDatabase } from '../database/gateway.database';
import { ApiKeyGuard } from '../offices/api-key.guard';
import { OfficesRepository } from '../offices/offices.repository';
import { OfficesService } from '../offices/offices.service';
import { officesServiceOn } from '../offices/offices.testing';
import { registeredOffice } from '../registry/registry.testing';
import { SessionsService } from './sessions.service';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';
import { StaffUsersRepository } from './staff-users.repository';

const OFFICE = withOfficeCheckDigit('131296001');
const OTHER = withOfficeCheckDigit('131296002');
const PASSWORD = 'ケアプラン連携-2027';

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: Record<string, unknown> & { code?: string; items?: Record<string, unknown>[] };
}
interface Session {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  refresh_expires_in: number;
  scope: string;
}

describe('staff users and their sessions (PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let app: NestFastifyApplication;
  let adminKey: string;
  let memberKey: string;
  let otherKey: string;
  let now = new Date();

  const inject = async (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    body?: object,
  ): Promise<Answer> => {
    const res = await app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method,
        url,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        payload: body ? JSON.stringify(body) : undefined,
      });
    return { status: res.statusCode, headers: res.headers, body: res.body ? res.json() : {} };
  };
  const withKey = (key: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: object) =>
    inject(method, url, { 'x-api-key': key }, body);
  const withToken = (
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: object,
  ) => inject(method, url, { authorization: `Bearer ${token}` }, body);
  const createStaff = async (loginId: string, role: 'admin' | 'member', key = adminKey) => {
    const res = await withKey(key, 'POST', '/v1/staff', {
      loginId,
      displayName: `${loginId} さん`,
      role,
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; loginId: string; role: string; status: string };
  };
  const signIn = (loginId: string, password = PASSWORD, officeNumber = OFFICE) =>
    inject('POST', '/v1/auth/sign-in', {}, { officeNumber, loginId, password });
  const session = async (loginId: string) => {
    const res = await signIn(loginId);
    expect(res.status).toBe(200);
    return res.body as unknown as Session;
  };
  const refresh = (token: string) =>
    inject('POST', '/v1/auth/token', {}, { grant_type: 'refresh_token', refresh_token: token });

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [storageDatabase, gatewayDatabase]);
    adminKey = (await registeredOffice(ds, OFFICE, '東京居宅')).apiKey;
    memberKey = (await registeredOffice(ds, OFFICE, '東京居宅', '受付PC', 'member')).apiKey;
    otherKey = (await registeredOffice(ds, OTHER, '大阪居宅')).apiKey;
    const env = loadEnv(GatewayEnv, {});
    const clock = () => now;
    const tokens = new AccessTokensService(env, new TokenKeysService(env, new TokenKeyRepository(ds)), clock);
    const offices = officesServiceOn(ds);
    const staff = new StaffUsersRepository(ds);

    @Module({
      imports: [PlatformModule.forRoot({ serviceName: 'it-gateway-staff', logLevel: 'silent' })],
      controllers: [StaffController, AuthController],
      providers: [
        { provide: OfficesService, useValue: offices },
        { provide: AccessTokensService, useValue: tokens },
        { provide: TokenKeysService, useValue: new TokenKeysService(env, new TokenKeyRepository(ds)) },
        { provide: AuthService, useValue: new AuthService(offices, tokens) },
        {
          provide: SessionsService,
          useValue: new SessionsService(ds, staff, new OfficesRepository(ds), tokens, clock),
        },
        { provide: StaffService, useValue: new StaffService(ds, staff, clock) },
        { provide: TOKEN_CLOCK, useValue: clock },
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

  it('lets an admin create and list staff, login ids unique in the office whatever their case; members may not', async () => {
    const sato = await createStaff('sato.h', 'member');
    expect(sato).toMatchObject({ loginId: 'sato.h', role: 'member', status: 'active', lastSignInAt: null });
    expect(JSON.stringify(sato)).not.toContain(PASSWORD);
    const taken = await withKey(adminKey, 'POST', '/v1/staff', {
      loginId: 'SATO.H',
      displayName: 'x',
      role: 'member',
      password: PASSWORD,
    });
    expect([taken.status, taken.body.code]).toEqual([409, 'STAFF_LOGIN_ID_TAKEN']);
    // Another office may use the same login id.
    await createStaff('sato.h', 'member', otherKey);
    const listed = await withKey(adminKey, 'GET', '/v1/staff');
    expect(listed.body.items?.map((u) => u.loginId)).toEqual(['sato.h']);

    for (const [method, url] of [
      ['GET', '/v1/staff'],
      ['POST', '/v1/staff'],
      ['DELETE', `/v1/staff/${sato.id}`],
    ] as const) {
      const refused = await withKey(
        memberKey,
        method,
        url,
        method === 'POST' ? { loginId: 'x', displayName: 'x', role: 'admin', password: PASSWORD } : undefined,
      );
      expect([refused.status, refused.body.code]).toEqual([403, 'KEY_ROLE_FORBIDDEN']);
    }
    for (const body of [
      { loginId: 'a b', displayName: 'x', role: 'member', password: PASSWORD },
      { loginId: 'ok', displayName: 'x', role: 'owner', password: PASSWORD },
      { loginId: 'ok', displayName: 'x', role: 'member', password: 'short' },
      { loginId: 'ok', displayName: 'x', role: 'member' },
    ])
      expect((await withKey(adminKey, 'POST', '/v1/staff', body)).status).toBe(400);
  });

  it("signs a staff user in: its token is the office with the user's role, and carries who it is", async () => {
    await createStaff('suzuki', 'member');
    const s = await session('SUZUKI');
    expect(s).toMatchObject({ expires_in: 3600, refresh_expires_in: 8 * 3600, scope: 'member' });
    expect(s.refresh_token).toMatch(/^cpr_/);
    const me = await withToken(s.access_token, 'GET', '/v1/me');
    expect(me.body).toMatchObject({
      officeNumber: OFFICE,
      keyId: null,
      role: 'member',
      credential: 'accessToken',
      staff: { loginId: 'suzuki', displayName: 'suzuki さん' },
    });
    expect((await withToken(s.access_token, 'GET', '/v1/staff')).body.code).toBe('KEY_ROLE_FORBIDDEN');
    const listed = await withKey(adminKey, 'GET', '/v1/staff');
    expect(listed.body.items?.find((u) => u.loginId === 'suzuki')?.lastSignInAt).not.toBeNull();

    await createStaff('kanri', 'admin');
    const admin = await session('kanri');
    expect((await withToken(admin.access_token, 'GET', '/v1/staff')).status).toBe(200);
    expect((await withToken(admin.access_token, 'GET', '/v1/me')).body.role).toBe('admin');
  });

  it('answers a wrong password, an unknown login id or office alike: 401 SIGN_IN_FAILED', async () => {
    await createStaff('tanaka', 'member');
    for (const res of [
      await signIn('tanaka', 'wrong-password'),
      await signIn('nobody'),
      await signIn('tanaka', PASSWORD, OTHER),
    ])
      expect([res.status, res.body.code]).toEqual([401, 'SIGN_IN_FAILED']);
  });

  it('rotates the refresh token on use; a reused one ends the whole session, its access tokens too', async () => {
    await createStaff('ito', 'member');
    const first = await session('ito');
    const second = (await refresh(first.refresh_token)).body as unknown as Session;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.refresh_expires_in).toBe(8 * 3600);
    const third = (await refresh(second.refresh_token)).body as unknown as Session;
    expect((await withToken(third.access_token, 'GET', '/v1/me')).status).toBe(200);

    const reused = await refresh(first.refresh_token);
    expect([reused.status, reused.body.code, reused.body.error]).toEqual([
      400,
      'REFRESH_TOKEN_REUSED',
      'invalid_grant',
    ]);
    const after = await refresh(third.refresh_token);
    expect([after.status, after.body.code]).toEqual([400, 'REFRESH_TOKEN_REVOKED']);
    const access = await withToken(third.access_token, 'GET', '/v1/me');
    expect([access.status, access.body.code]).toEqual([401, 'ACCESS_TOKEN_REVOKED']);
    // Another session of the same user is not touched.
    const other = await session('ito');
    expect((await refresh(other.refresh_token)).status).toBe(200);
    expect((await refresh('cpr_made-up')).body.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('ends a session after 8 hours however often it was refreshed, and on sign-out', async () => {
    await createStaff('kato', 'member');
    const s = await session('kato');
    now = new Date(now.getTime() + 4 * 3600_000);
    const later = (await refresh(s.refresh_token)).body as unknown as Session;
    expect(later.refresh_expires_in).toBe(4 * 3600);
    now = new Date(now.getTime() + 4 * 3600_000);
    expect((await refresh(later.refresh_token)).body.code).toBe('REFRESH_TOKEN_EXPIRED');

    now = new Date();
    const s2 = await session('kato');
    expect((await inject('POST', '/v1/auth/sign-out', {}, { refresh_token: s2.refresh_token })).status).toBe(
      204,
    );
    expect((await refresh(s2.refresh_token)).body.code).toBe('REFRESH_TOKEN_REVOKED');
    expect((await withToken(s2.access_token, 'GET', '/v1/me')).body.code).toBe('ACCESS_TOKEN_REVOKED');
    expect((await inject('POST', '/v1/auth/sign-out', {}, { refresh_token: 'cpr_unknown' })).status).toBe(
      204,
    );
  });

  it("stops a removed user's access token at once and its refresh; a suspended one cannot sign in until resumed", async () => {
    const yamada = await createStaff('yamada', 'member');
    const s = await session('yamada');
    expect((await withKey(adminKey, 'DELETE', `/v1/staff/${yamada.id}`)).status).toBe(204);
    expect((await withToken(s.access_token, 'GET', '/v1/me')).body.code).toBe('ACCESS_TOKEN_REVOKED');
    expect((await refresh(s.refresh_token)).body.code).toBe('REFRESH_TOKEN_REVOKED');
    expect((await signIn('yamada')).body.code).toBe('SIGN_IN_FAILED');
    expect((await withKey(adminKey, 'GET', '/v1/staff')).body.items?.map((u) => u.id)).not.toContain(
      yamada.id,
    );
    // The login id is free again.
    await createStaff('yamada', 'member');

    const mori = await createStaff('mori', 'member');
    const m = await session('mori');
    const suspended = await withKey(adminKey, 'PATCH', `/v1/staff/${mori.id}`, { suspended: true });
    expect(suspended.body.status).toBe('suspended');
    expect((await withToken(m.access_token, 'GET', '/v1/me')).body.code).toBe('ACCESS_TOKEN_REVOKED');
    expect((await signIn('mori')).body.code).toBe('STAFF_SUSPENDED');
    await withKey(adminKey, 'PATCH', `/v1/staff/${mori.id}`, { suspended: false });
    expect((await signIn('mori')).status).toBe(200);
  });

  it('locks a login id after 5 failed sign-ins in a row for 15 minutes, the right password too; an admin can lift it', async () => {
    const abe = await createStaff('abe', 'member');
    for (let i = 0; i < 4; i++) expect((await signIn('abe', 'wrong-password')).status).toBe(401);
    // A success resets the count.
    expect((await signIn('abe')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await signIn('abe', 'wrong-password')).status).toBe(401);
    const locked = await signIn('abe');
    expect([locked.status, locked.body.code]).toEqual([423, 'STAFF_SIGN_IN_LOCKED']);
    expect(new Date(locked.body.lockedUntil as string).getTime()).toBe(now.getTime() + 15 * 60_000);
    expect(
      (await withKey(adminKey, 'GET', '/v1/staff')).body.items?.find((u) => u.id === abe.id)?.status,
    ).toBe('locked');
    now = new Date(now.getTime() + 15 * 60_000);
    expect((await signIn('abe')).status).toBe(200);

    for (let i = 0; i < 5; i++) await signIn('abe', 'wrong-password');
    await withKey(adminKey, 'PATCH', `/v1/staff/${abe.id}`, { password: 'あたらしいパスワード123' });
    expect((await signIn('abe', 'あたらしいパスワード123')).status).toBe(200);
  });

  it("keeps offices apart: another office's admin cannot see or touch its staff (404)", async () => {
    const nakamura = await createStaff('nakamura', 'admin');
    for (const [method, body] of [
      ['PATCH', { suspended: true }],
      ['DELETE', undefined],
    ] as const) {
      const res = await withKey(otherKey, method, `/v1/staff/${nakamura.id}`, body);
      expect([res.status, res.body.code]).toEqual([404, 'STAFF_NOT_FOUND']);
    }
    expect((await withKey(otherKey, 'GET', '/v1/staff')).body.items?.map((u) => u.id)).not.toContain(
      nakamura.id,
    );
    expect((await signIn('nakamura')).status).toBe(200);
  });

  it('never gives a token more than the user has now: a demoted admin is a member from the next request', async () => {
    const ogawa = await createStaff('ogawa', 'admin');
    const s = await session('ogawa');
    expect((await withToken(s.access_token, 'GET', '/v1/staff')).status).toBe(200);
    await withKey(adminKey, 'PATCH', `/v1/staff/${ogawa.id}`, { role: 'member' });
    expect((await withToken(s.access_token, 'GET', '/v1/staff')).body.code).toBe('KEY_ROLE_FORBIDDEN');
    expect(((await refresh(s.refresh_token)).body as unknown as Session).scope).toBe('member');
  });
});
