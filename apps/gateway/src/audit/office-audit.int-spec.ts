import { Logger, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@careplan/messaging';
import { migratedDataSource, storageDatabase } from '@careplan/persistence';
import { createHttpApp, loadEnv, PlatformModule } from '@careplan/platform';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { createTestDatabase, freePort, TestDatabase } from '@careplan/testing';
import { AccessTokensService, TOKEN_CLOCK } from '../auth/access-tokens.service';
import { AuthController } from '../auth/auth.controller';
import { AuthService } from '../auth/auth.service';
import { TokenKeyRepository } from '../auth/token-key.repository';
import { TokenKeysService } from '../auth/token-keys.service';
import { GatewayEnv } from '../config/gateway.env';
import { gatewayDatabase } from '../database/gateway.database';
import { ApiKeyGuard } from '../offices/api-key.guard';
import { ApiKeysRepository } from '../offices/api-keys.repository';
import { InternalKeysController } from '../offices/internal-keys.controller';
import { KeysController } from '../offices/keys.controller';
import { KeysService } from '../offices/keys.service';
import { OfficesRepository } from '../offices/offices.repository';
import { OfficesService } from '../offices/offices.service';
import { officesServiceOn } from '../offices/offices.testing';
import { registeredOffice } from '../registry/registry.testing';
import { SessionsService } from '../staff/sessions.service';
import { StaffController } from '../staff/staff.controller';
import { StaffService } from '../staff/staff.service';
import { StaffUsersRepository } from '../staff/staff-users.repository';
import { OfficeAuditController } from './office-audit.controller';
import { OfficeAuditRepository } from './office-audit.repository';

const TOKEN = 'it-internal-token-of-32-characters!';
const OFFICE = withOfficeCheckDigit('131297001');
const OTHER = withOfficeCheckDigit('131297002');
const PASSWORD = 'ケアプラン連携-2027';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
interface Answer {
  status: number;
  body: Record<string, unknown> & { code?: string };
}
interface Entry {
  action: string;
  origin: string;
  actor: { type: string; id: string; label: string } | null;
  target: { type: string; id: string; label: string };
  details: Record<string, unknown>;
  at: string;
}
interface AuditPage {
  items: Entry[];
  nextCursor: string | null;
}

describe("an office's own audit trail of key and staff changes (PostgreSQL)", () => {
  let db: TestDatabase;
  let ds: DataSource;
  let app: NestFastifyApplication;
  let internalPort: number;
  let adminKey: string;
  let otherKey: string;
  let adminKeyId: string;

  const inject = async (
    method: Method,
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
    return { status: res.statusCode, body: res.body ? res.json() : {} };
  };
  const withKey = (key: string, method: Method, url: string, body?: object) =>
    inject(method, url, { 'x-api-key': key }, body);
  const withToken = (token: string, method: Method, url: string, body?: object) =>
    inject(method, url, { authorization: `Bearer ${token}` }, body);
  const signIn = (loginId: string, password = PASSWORD) =>
    inject('POST', '/v1/auth/sign-in', {}, { officeNumber: OFFICE, loginId, password });
  /** Every entry of the office (newest first), read page by page through the cursor. */
  const trail = async (key: string, limit = 2): Promise<Entry[]> => {
    const entries: Entry[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await withKey(key, 'GET', `/v1/audit${query}`);
      expect(page.status).toBe(200);
      const body = page.body as unknown as AuditPage;
      expect(body.items.length).toBeLessThanOrEqual(limit);
      entries.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    return entries;
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [storageDatabase, gatewayDatabase]);
    adminKey = (await registeredOffice(ds, OFFICE, '東京居宅', '管理PC')).apiKey;
    otherKey = (await registeredOffice(ds, OTHER, '大阪居宅')).apiKey;
    const env = loadEnv(GatewayEnv, {});
    const clock = () => new Date();
    const tokens = new AccessTokensService(env, new TokenKeysService(env, new TokenKeyRepository(ds)), clock);
    const offices = officesServiceOn(ds);
    const staff = new StaffUsersRepository(ds);

    @Module({
      imports: [
        PlatformModule.forRoot({ serviceName: 'it-gateway-audit', logLevel: 'silent', internalToken: TOKEN }),
      ],
      controllers: [
        OfficeAuditController,
        KeysController,
        InternalKeysController,
        StaffController,
        AuthController,
      ],
      providers: [
        { provide: OfficesService, useValue: offices },
        { provide: AccessTokensService, useValue: tokens },
        { provide: TokenKeysService, useValue: new TokenKeysService(env, new TokenKeyRepository(ds)) },
        { provide: AuthService, useValue: new AuthService(offices, tokens) },
        {
          provide: KeysService,
          useValue: new KeysService(
            ds,
            { nudge: () => undefined } as OutboxRelay,
            new ApiKeysRepository(ds),
            new OfficesRepository(ds),
          ),
        },
        {
          provide: SessionsService,
          useValue: new SessionsService(ds, staff, new OfficesRepository(ds), tokens, clock),
        },
        { provide: StaffService, useValue: new StaffService(ds, staff, clock) },
        { provide: OfficeAuditRepository, useValue: new OfficeAuditRepository(ds) },
        { provide: TOKEN_CLOCK, useValue: clock },
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
    adminKeyId = (await withKey(adminKey, 'GET', '/v1/me')).body.keyId as string;
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await db?.drop();
  });

  it('lists every key and staff change with who did it, to whom and when, newest first, paged', async () => {
    const byKey = { type: 'key', id: adminKeyId, label: '管理PC' };
    const issued = await withKey(adminKey, 'POST', '/v1/keys', { label: '受付PC' });
    expect(issued.status).toBe(201);
    const memberKeyId = issued.body.id as string;

    const created = await withKey(adminKey, 'POST', '/v1/staff', {
      loginId: 'kanri',
      displayName: '管理 太郎',
      role: 'admin',
      password: PASSWORD,
    });
    const kanriId = created.body.id as string;
    const session = await signIn('kanri');
    const token = session.body.access_token as string;
    const byStaff = { type: 'staff', id: kanriId, label: 'kanri' };

    // A staff admin's changes name the staff user; one PATCH of several changes records each.
    const sato = await withToken(token, 'POST', '/v1/staff', {
      loginId: 'sato',
      displayName: '佐藤',
      role: 'member',
      password: PASSWORD,
    });
    const satoId = sato.body.id as string;
    expect(
      (
        await withToken(token, 'PATCH', `/v1/staff/${satoId}`, {
          role: 'admin',
          suspended: true,
          password: `${PASSWORD}!`,
        })
      ).status,
    ).toBe(200);
    expect((await withToken(token, 'PATCH', `/v1/staff/${satoId}`, { suspended: false })).status).toBe(200);
    expect((await withToken(token, 'DELETE', `/v1/staff/${satoId}`)).status).toBe(204);
    expect((await withToken(token, 'DELETE', `/v1/keys/${memberKeyId}`)).status).toBe(200);
    // Revoking twice changes nothing, and records nothing.
    expect((await withToken(token, 'DELETE', `/v1/keys/${memberKeyId}`)).status).toBe(200);

    const entries = await trail(adminKey);
    expect(entries.map((e) => [e.action, e.origin, e.actor, e.target.type, e.target.id])).toEqual([
      ['key.revoked', 'office', byStaff, 'key', memberKeyId],
      ['staff.removed', 'office', byStaff, 'staff', satoId],
      ['staff.resumed', 'office', byStaff, 'staff', satoId],
      ['staff.password_reset', 'office', byStaff, 'staff', satoId],
      ['staff.suspended', 'office', byStaff, 'staff', satoId],
      ['staff.role_changed', 'office', byStaff, 'staff', satoId],
      ['staff.created', 'office', byStaff, 'staff', satoId],
      ['staff.created', 'office', byKey, 'staff', kanriId],
      ['key.issued', 'office', byKey, 'key', memberKeyId],
    ]);
    expect(entries.find((e) => e.action === 'staff.role_changed')?.details).toEqual({
      from: 'member',
      to: 'admin',
    });
    expect(entries.find((e) => e.action === 'key.issued')).toMatchObject({
      target: { label: '受付PC' },
      details: { role: 'member' },
    });
    expect(entries.find((e) => e.target.id === satoId)?.target.label).toBe('sato');
    // Never a secret: no password, no key, no hash.
    const text = JSON.stringify(entries);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(issued.body.key as string);
  });

  it('names the operator who issued or revoked a key, and refuses a malformed operator', async () => {
    const operator = { id: '7d1c0000-0000-4000-8000-000000000001', name: '東京都国保連 運用 花子' };
    const internal = (path: string, body: object) =>
      fetch(`http://127.0.0.1:${internalPort}/internal/v1/offices/${OFFICE}/keys${path}`, {
        method: 'POST',
        headers: { 'x-internal-token': TOKEN, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const issued = await internal('', { label: '運用 再発行', role: 'member', operator });
    expect(issued.status).toBe(201);
    const key = (await issued.json()) as { id: string };
    expect((await internal(`/${key.id}/revoke`, { operator })).status).toBe(200);
    // A repeat revokes nothing and records nothing.
    expect((await internal(`/${key.id}/revoke`, { operator })).status).toBe(200);

    const named = { type: 'operator', id: operator.id, label: operator.name };
    const entries = (await trail(adminKey, 50)).filter((e) => e.target.id === key.id);
    expect(entries.map((e) => [e.action, e.origin, e.actor])).toEqual([
      ['key.revoked', 'operator', named],
      ['key.issued', 'operator', named],
    ]);

    for (const bad of [
      { id: 'not-a-uuid', name: 'x' },
      { id: operator.id, name: '' },
      { id: operator.id, name: 'a\u0000b' },
      { id: operator.id, name: 'x'.repeat(201) },
      { id: operator.id, name: 'x', role: 'central' },
    ]) {
      const refused = await internal('', { label: 'x', operator: bad });
      expect([bad, refused.status]).toEqual([bad, 400]);
    }
    expect(await ds.query(`SELECT 1 FROM gateway.api_keys WHERE label = 'x'`)).toEqual([]);
    // Only an operator's change names an operator, and an operator's change names no office key.
    for (const [origin, type] of [
      ['office', 'operator'],
      ['operator', 'key'],
    ])
      await expect(
        ds.query(
          `INSERT INTO gateway.office_audit (office_number, action, origin, actor_type, actor_id, actor_label,
             target_type, target_id, target_label) VALUES ($1, 'key.issued', $2, $3, $4, 'x', 'key', $4, 'x')`,
          [OFFICE, origin, type, operator.id],
        ),
      ).rejects.toThrow(/ck_office_audit_actor_type/);
  });

  it("records an operator's key changes from an archive that names no operator without an actor, and the service's sign-in lock", async () => {
    const op = await fetch(`http://127.0.0.1:${internalPort}/internal/v1/offices/${OFFICE}/keys`, {
      method: 'POST',
      headers: { 'x-internal-token': TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ label: '運用発行' }),
    });
    const opKey = (await op.json()) as { id: string };
    await withKey(adminKey, 'POST', '/v1/staff', {
      loginId: 'tanaka',
      displayName: '田中',
      role: 'member',
      password: PASSWORD,
    });
    for (let i = 0; i < 5; i++) expect((await signIn('tanaka', 'wrong password!!')).status).toBe(401);
    const [lock, issued] = await trail(adminKey, 50);
    expect(lock).toMatchObject({
      action: 'staff.locked',
      origin: 'system',
      actor: null,
      target: { type: 'staff', label: 'tanaka' },
      details: { failedSignIns: 5 },
    });
    expect(typeof lock.details.lockedUntil).toBe('string');
    // The lock's entry is between the user's creation and now: the failures before it record nothing.
    expect(issued.action).toBe('staff.created');
    const operatorEntry = (await trail(adminKey, 50)).find((e) => e.target.id === opKey.id);
    expect(operatorEntry).toMatchObject({ action: 'key.issued', origin: 'operator', actor: null });
  });

  it('is for admins of the office only: 403 for a member, nothing of another office', async () => {
    const member = await withKey(adminKey, 'POST', '/v1/keys', { label: 'member' });
    const refused = await withKey(member.body.key as string, 'GET', '/v1/audit');
    expect([refused.status, refused.body.code]).toEqual([403, 'KEY_ROLE_FORBIDDEN']);
    const theirs = await withKey(otherKey, 'GET', '/v1/audit');
    expect(theirs.body).toEqual({ items: [], nextCursor: null });
    expect((await withKey(adminKey, 'GET', '/v1/audit?cursor=nonsense')).body.code).toBe('CURSOR_INVALID');
  });

  it('is append-only: the table refuses changes and deletions', async () => {
    await expect(ds.query(`UPDATE "gateway"."office_audit" SET "action" = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query(`DELETE FROM "gateway"."office_audit"`)).rejects.toThrow(/append-only/);
  });
});
