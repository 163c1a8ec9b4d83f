import { Logger, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, Response } from 'light-my-request';
import { TOTP, URI } from 'otpauth';
import { DataSource, FindOptionsWhere, MoreThan } from 'typeorm';
import { migratedDataSource, PersistenceModule } from '@careplan/persistence';
import { createHttpApp, loadEnv, PlatformModule } from '@careplan/platform';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { ArchiveConfigModule } from '../config/archive-config.module';
import { ArchiveEnv } from '../config/archive.env';
import { archiveDatabase } from '../database/archive.database';
import { OperatorEntity } from '../operators/operator.entity';
import { OperatorsModule } from '../operators/operators.module';
import { OperatorsService } from '../operators/operators.service';
import { ConsoleAuthModule } from './console-auth.module';
import { CONSOLE_COOKIE } from './console-session';
import { ConsoleSessionEntity } from './console-session.entity';
import { registerConsoleSession } from './console-session.plugin';

const PASSWORD = 'correct horse battery staple';
const JSON_TYPE = { 'content-type': 'application/json' };

interface Enrolled {
  id: string;
  name: string;
  totp: TOTP;
  /** The last TOTP step this test used for the operator: each code signs in once. */
  step: number;
  cookie: string;
}

/**
 * The console's sign-in end to end on the real app stack (Fastify, the cookie and session plugins, the guards)
 * and PostgreSQL: a set-up link enrols, the session cookie works and needs its CSRF header on writes, failures
 * lock a name, idle sessions and revoked operators are refused.
 */
describe('console sign-in (real PostgreSQL, the HTTP app)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let env: ArchiveEnv;
  let app: NestFastifyApplication;
  let admin: Enrolled;
  let adminToken: string;

  const call = (options: InjectOptions): Promise<Response> =>
    app.getHttpAdapter().getInstance().inject(options);
  const withCookie = (cookie: string, headers: Record<string, string> = {}) => ({
    cookie: `${CONSOLE_COOKIE}=${cookie}`,
    ...headers,
  });
  const sessionCookieOf = (res: Response) => res.cookies.find((c) => c.name === CONSOLE_COOKIE);
  const audit = (where: FindOptionsWhere<AuditEntryEntity>) =>
    ds.manager.find(AuditEntryEntity, { where, order: { id: 'ASC' } });

  /** A code of a step after the last one used (this step or the next: both pass). */
  function freshCode(op: { totp: TOTP; step: number }): string {
    const current = Math.floor(Date.now() / 30_000);
    const step = Math.max(current, op.step + 1);
    if (step > current + 1) throw new Error('no unused TOTP step left in this period for the test');
    op.step = step;
    return op.totp.generate({ timestamp: step * 30_000 });
  }
  const wrongCode = (op: { totp: TOTP }) =>
    String((Number(op.totp.generate()) + 500_000) % 1_000_000).padStart(6, '0');

  const tokenOf = (setupUrl: string) => setupUrl.slice(setupUrl.lastIndexOf('/') + 1);

  /** Opens the set-up link, enrols the authenticator it shows, and comes back signed in. */
  async function enrol(setupUrl: string, password = PASSWORD): Promise<Enrolled> {
    expect(setupUrl).toMatch(/^http:\/\/127\.0\.0\.1:3003\/console\/setup\/[\w-]{43}$/);
    const shown = await call({ method: 'GET', url: `/ops/v1/setup/${tokenOf(setupUrl)}` });
    expect(shown.statusCode).toBe(200);
    const { name, otpauthUri, qrDataUrl } = shown.json<{
      name: string;
      otpauthUri: string;
      qrDataUrl: string;
    }>();
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    const totp = URI.parse(otpauthUri) as TOTP;
    expect(totp).toMatchObject({ algorithm: 'SHA1', digits: 6, period: 30, label: name });
    const op = { totp, step: 0 };
    const done = await call({
      method: 'POST',
      url: `/ops/v1/setup/${tokenOf(setupUrl)}`,
      headers: JSON_TYPE,
      payload: { password, code: freshCode(op) },
    });
    expect(done.statusCode).toBe(200);
    const session = done.json<{ operator: { id: string; name: string } }>();
    expect(session.operator.name).toBe(name);
    return { ...op, id: session.operator.id, name, cookie: sessionCookieOf(done)?.value ?? '' };
  }

  async function signIn(name: string, password: string, code: string): Promise<Response> {
    return call({
      method: 'POST',
      url: '/ops/v1/session',
      headers: JSON_TYPE,
      payload: { name, password, code },
    });
  }

  async function createOperator(name: string, prefecture: string): Promise<string> {
    const res = await call({
      method: 'POST',
      url: '/ops/v1/operators',
      headers: { authorization: `Bearer ${adminToken}`, ...JSON_TYPE },
      payload: { name, role: 'prefecture', prefecture },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ setupUrl: string }>().setupUrl;
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [archiveDatabase]);
    env = loadEnv(ArchiveEnv, {
      DATABASE_URL: db.url,
      CONSOLE_SESSION_SECRET: 'an-it-session-secret-of-32-characters',
      CONSOLE_TOTP_KEY: '5a'.repeat(32),
    });

    @Module({
      imports: [
        PlatformModule.forRoot({ serviceName: 'it-archive', logLevel: 'silent' }),
        PersistenceModule.forRoot(db.url, archiveDatabase),
        ArchiveConfigModule.forRoot(env),
        OperatorsModule,
        ConsoleAuthModule,
      ],
    })
    class TestModule {}
    app = await createHttpApp(TestModule, {
      port: 0,
      host: '127.0.0.1',
      internal: { port: 0, host: '127.0.0.1' },
      rateLimit: {
        perMinute: 1000,
        publicPerMinute: 1000,
        redisUrl: null,
        keyPrefix: 'it:',
        credentialCookie: CONSOLE_COOKIE,
      },
      configure: registerConsoleSession,
    });
    const created = await app.get(OperatorsService).createAdmin('中央管理者');
    adminToken = created.token;
    admin = await enrol(created.setupUrl);
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await db?.drop();
  });

  it('enrols through the set-up link once: the secret is sealed at rest, and the link is used up', async () => {
    const row = await ds.manager.findOneByOrFail(OperatorEntity, { id: admin.id });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.totpSecret).toMatch(/^v1\./);
    const again = await call({ method: 'GET', url: `/ops/v1/setup/${'x'.repeat(43)}` });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'CONSOLE_SETUP_INVALID' });
    expect((await audit({ operatorId: admin.id })).map((a) => a.action)).toEqual([
      'console.setup',
      'console.sign_in',
    ]);
  });

  it('refuses a set-up with a short password or a wrong code, and a link once used', async () => {
    const setupUrl = await createOperator('北海道国保連', '01');
    const token = tokenOf(setupUrl);
    const shown = await call({ method: 'GET', url: `/ops/v1/setup/${token}` });
    const totp = URI.parse(shown.json<{ otpauthUri: string }>().otpauthUri) as TOTP;
    const post = (payload: object) =>
      call({ method: 'POST', url: `/ops/v1/setup/${token}`, headers: JSON_TYPE, payload });
    expect((await post({ password: 'short', code: totp.generate() })).statusCode).toBe(400);
    const wrong = await post({ password: PASSWORD, code: wrongCode({ totp }) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'CONSOLE_SETUP_CODE' });

    const op = await enrol(setupUrl);
    expect((await post({ password: PASSWORD, code: freshCode(op) })).json()).toMatchObject({
      code: 'CONSOLE_SETUP_INVALID',
    });
    expect(shown.json()).toMatchObject({ name: '北海道国保連' });
  });

  it('sets an HttpOnly SameSite=Strict cookie on Path=/ (not Secure over http) that works on /ops/v1/me', async () => {
    const res = await signIn(admin.name, PASSWORD, freshCode(admin));
    expect(res.statusCode).toBe(200);
    const cookie = sessionCookieOf(res);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value).not.toBe(admin.cookie);
    const session = res.json<{ csrfToken: string; idleExpiresAt: string; expiresAt: string }>();
    expect(res.json()).toMatchObject({
      operator: { id: admin.id, name: '中央管理者', role: 'central', prefecture: null },
    });
    expect(session.csrfToken).toMatch(/^[\w-]{43}$/);
    const idle = Date.parse(session.idleExpiresAt) - Date.now();
    expect(idle).toBeGreaterThan(29 * 60_000);
    expect(idle).toBeLessThanOrEqual(30 * 60_000);
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(11.9 * 3_600_000);

    const me = await call({ method: 'GET', url: '/ops/v1/me', headers: withCookie(cookie?.value ?? '') });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ id: admin.id, name: '中央管理者', role: 'central', prefecture: null });
    const again = await call({
      method: 'GET',
      url: '/ops/v1/session',
      headers: withCookie(cookie?.value ?? ''),
    });
    expect(again.json()).toMatchObject({ csrfToken: session.csrfToken, operator: { id: admin.id } });
    // The session row knows its id only as a hash.
    const rows = await ds.manager.find(ConsoleSessionEntity, { where: { operatorId: admin.id } });
    expect(rows.map((r) => r.id)).not.toContain(cookie?.value.split('.')[0]);
  });

  it('needs X-CSRF-Token with the cookie on writes; a bearer token needs none and wins over the cookie', async () => {
    const me = await call({ method: 'GET', url: '/ops/v1/session', headers: withCookie(admin.cookie) });
    const { csrfToken } = me.json<{ csrfToken: string }>();
    const create = (headers: Record<string, string>, name: string) =>
      call({
        method: 'POST',
        url: '/ops/v1/operators',
        headers: { ...JSON_TYPE, ...headers },
        payload: { name, role: 'prefecture', prefecture: '47' },
      });
    const missing = await create(withCookie(admin.cookie), '沖縄県国保連');
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ code: 'CONSOLE_CSRF' });
    const wrong = await create(
      withCookie(admin.cookie, { 'x-csrf-token': csrfToken.slice(1) + 'x' }),
      '沖縄',
    );
    expect(wrong.statusCode).toBe(403);
    const ok = await create(withCookie(admin.cookie, { 'x-csrf-token': csrfToken }), '沖縄県国保連');
    expect(ok.statusCode).toBe(201);
    const created = ok.json<{ token: string; setupUrl: string; consoleEnrolled: boolean }>();
    expect(created.token).toMatch(/^cpo_/);
    expect(created.setupUrl).toMatch(/^http:\/\/127\.0\.0\.1:3003\/console\/setup\//);
    expect(created.consoleEnrolled).toBe(false);

    const both = await create(
      { ...withCookie('not-a-session'), authorization: `Bearer ${adminToken}` },
      '沖縄2',
    );
    expect(both.statusCode).toBe(201);
    const forged = await call({ method: 'GET', url: '/ops/v1/me', headers: withCookie('not-a-session') });
    expect(forged.json()).toMatchObject({ status: 401, code: 'CONSOLE_SESSION_EXPIRED' });
    const none = await call({ method: 'GET', url: '/ops/v1/me' });
    expect(none.json()).toMatchObject({ code: 'OPS_TOKEN_MISSING' });
    const noSession = await call({ method: 'GET', url: '/ops/v1/session' });
    expect(noSession.json()).toMatchObject({ status: 401, code: 'CONSOLE_SESSION_MISSING' });
  });

  it('takes sign-in as JSON only', async () => {
    const res = await call({
      method: 'POST',
      url: '/ops/v1/session',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ name: admin.name, password: PASSWORD, code: '000000' }),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers every failure alike: an unknown name, a wrong password or code, a code used twice', async () => {
    const op = await enrol(await createOperator('大阪府国保連', '27'));
    const code = freshCode(op);
    expect((await signIn(op.name, PASSWORD, code)).statusCode).toBe(200);
    const answers = await Promise.all([
      signIn('誰でもない', PASSWORD, code),
      signIn(op.name, 'wrong password, long', code),
      signIn(op.name, PASSWORD, wrongCode(op)),
      signIn(op.name, PASSWORD, code),
      signIn(op.name, PASSWORD, 'abc'),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 401]);
    const bodies = new Set(answers.map((a) => a.body));
    expect(bodies.size).toBe(1);
    expect(answers[0].json()).toMatchObject({ code: 'CONSOLE_SIGN_IN_FAILED' });

    const failed = (await audit({ operatorId: op.id, action: 'console.sign_in_failed' })).map(
      (a) => a.details.reason,
    );
    expect(failed.sort()).toEqual(['code', 'code', 'code_reused', 'password']);
    expect(await audit({ target: '誰でもない' })).toEqual([
      expect.objectContaining({
        operatorId: null,
        operatorName: 'console-sign-in',
        action: 'console.sign_in_failed',
        details: { reason: 'unknown_name' },
      }),
    ]);
  });

  it('locks a name after five failures in a row (423), audited; a correct code does not pass the lock', async () => {
    const op = await enrol(await createOperator('東京都国保連', '13'));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(op.name, PASSWORD, wrongCode(op))).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const locked = await signIn(op.name, PASSWORD, freshCode(op));
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'CONSOLE_ACCOUNT_LOCKED', minutes: 15 });

    const entries = await audit({ operatorId: op.id });
    expect(entries.map((a) => a.action)).toEqual([
      'console.setup',
      'console.sign_in',
      ...Array<string>(5).fill('console.sign_in_failed'),
      'console.locked',
      'console.sign_in_failed',
    ]);
    expect(entries.every((a) => a.prefecture === '13' && a.operatorName === '東京都国保連')).toBe(true);
    expect(entries.at(-1)?.details).toEqual({ reason: 'locked' });

    // A name nobody has locks the same way: the 423 does not tell which names exist.
    const ghost: number[] = [];
    for (let i = 0; i < 5; i++) ghost.push((await signIn('存在しない', PASSWORD, '123456')).statusCode);
    expect(ghost).toEqual([401, 401, 401, 401, 423]);
    expect((await audit({ target: '存在しない', action: 'console.locked' })).length).toBe(1);
  });

  it('counts failures in a row only: a sign-in in between starts them again', async () => {
    const op = await enrol(await createOperator('京都府国保連', '26'));
    for (let i = 0; i < 4; i++) expect((await signIn(op.name, PASSWORD, wrongCode(op))).statusCode).toBe(401);
    expect((await signIn(op.name, PASSWORD, freshCode(op))).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn(op.name, PASSWORD, wrongCode(op))).statusCode).toBe(401);
  });

  it('ends an idle session: 401 CONSOLE_SESSION_EXPIRED, and it does not come back', async () => {
    const op = await enrol(await createOperator('福岡県国保連', '40'));
    expect(
      (await call({ method: 'GET', url: '/ops/v1/me', headers: withCookie(op.cookie) })).statusCode,
    ).toBe(200);
    // Idle for longer than the limit, without waiting for it: its last request moved back as the store keeps it.
    const idleMs = env.CONSOLE_IDLE_MINUTES * 60_000;
    const lastSeenAt = Date.now() - idleMs - 1000;
    await ds.query(
      `UPDATE "archive"."console_sessions"
          SET data = jsonb_set(data, '{lastSeenAt}', to_jsonb($2::bigint)), expires_at = $3
        WHERE operator_id = $1`,
      [op.id, lastSeenAt, new Date(lastSeenAt + idleMs)],
    );
    const expired = await call({ method: 'GET', url: '/ops/v1/me', headers: withCookie(op.cookie) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'CONSOLE_SESSION_EXPIRED' });
    const later = await call({ method: 'GET', url: '/ops/v1/session', headers: withCookie(op.cookie) });
    expect(later.json()).toMatchObject({ code: 'CONSOLE_SESSION_EXPIRED' });
    expect(
      await ds.manager.count(ConsoleSessionEntity, {
        where: { operatorId: op.id, expiresAt: MoreThan(new Date()) },
      }),
    ).toBe(0);
  });

  it("refuses a revoked operator's session at once, and its sign-in like any other failure", async () => {
    const op = await enrol(await createOperator('広島県国保連', '34'));
    expect(
      (await call({ method: 'GET', url: '/ops/v1/me', headers: withCookie(op.cookie) })).statusCode,
    ).toBe(200);
    const { csrfToken } = (
      await call({ method: 'GET', url: '/ops/v1/session', headers: withCookie(admin.cookie) })
    ).json<{ csrfToken: string }>();
    const revoked = await call({
      method: 'POST',
      url: `/ops/v1/operators/${op.id}/revoke`,
      headers: withCookie(admin.cookie, { 'x-csrf-token': csrfToken }),
    });
    expect(revoked.statusCode).toBe(200);
    const refused = await call({ method: 'GET', url: '/ops/v1/me', headers: withCookie(op.cookie) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'CONSOLE_SESSION_EXPIRED' });
    expect(await ds.manager.count(ConsoleSessionEntity, { where: { operatorId: op.id } })).toBe(0);
    const signIn2 = await signIn(op.name, PASSWORD, freshCode(op));
    expect(signIn2.statusCode).toBe(401);
    expect(signIn2.json()).toMatchObject({ code: 'CONSOLE_SIGN_IN_FAILED' });
    expect((await audit({ operatorId: op.id, action: 'console.sign_in_failed' })).at(-1)?.details).toEqual({
      reason: 'revoked',
    });
  });

  it('changes role and prefecture (audited), and a second-factor reset ends sessions with a new link', async () => {
    const op = await enrol(await createOperator('愛知県国保連', '23'));
    const { csrfToken } = (
      await call({ method: 'GET', url: '/ops/v1/session', headers: withCookie(admin.cookie) })
    ).json<{ csrfToken: string }>();
    const asAdmin = { ...withCookie(admin.cookie, { 'x-csrf-token': csrfToken }), ...JSON_TYPE };
    const patch = (payload: object) =>
      call({ method: 'PATCH', url: `/ops/v1/operators/${op.id}`, headers: asAdmin, payload });
    expect((await patch({ role: 'central', prefecture: '23' })).json()).toMatchObject({
      code: 'OPERATOR_PREFECTURE',
    });
    expect((await patch({ prefecture: '24' })).json()).toMatchObject({
      role: 'prefecture',
      prefecture: '24',
    });
    const me = await call({ method: 'GET', url: '/ops/v1/me', headers: withCookie(op.cookie) });
    expect(me.json()).toMatchObject({ prefecture: '24' });
    expect((await audit({ target: op.id, action: 'operator.update' })).map((a) => a.details)).toEqual([
      {
        name: '愛知県国保連',
        from: { role: 'prefecture', prefecture: '23' },
        to: { role: 'prefecture', prefecture: '24' },
      },
    ]);

    const reset = () =>
      call({
        method: 'POST',
        url: `/ops/v1/operators/${op.id}/reset-second-factor`,
        headers: withCookie(admin.cookie, { 'x-csrf-token': csrfToken }),
      });
    const first = await reset();
    expect(first.statusCode).toBe(200);
    // A second reset replaces the first link.
    const { setupUrl } = (await reset()).json<{ setupUrl: string }>();
    const replaced = tokenOf(first.json<{ setupUrl: string }>().setupUrl);
    expect((await call({ method: 'GET', url: `/ops/v1/setup/${replaced}` })).statusCode).toBe(404);
    expect(
      (await call({ method: 'GET', url: '/ops/v1/me', headers: withCookie(op.cookie) })).statusCode,
    ).toBe(401);
    expect((await signIn(op.name, PASSWORD, freshCode(op))).statusCode).toBe(401);
    const again = await enrol(setupUrl, 'a new password of my own');
    expect(again.id).toBe(op.id);
    expect(
      (await audit({ target: op.id, action: 'operator.reset_second_factor' })).map((a) => a.details),
    ).toEqual([
      { name: '愛知県国保連', wasEnrolled: true },
      { name: '愛知県国保連', wasEnrolled: false },
    ]);
  });

  it('keeps names of operators who sign in unique: a second one with the name cannot enrol (409)', async () => {
    const first = await enrol(await createOperator('長野県国保連', '20'));
    const second = await createOperator('長野県国保連', '20');
    const shown = await call({ method: 'GET', url: `/ops/v1/setup/${tokenOf(second)}` });
    const op = { totp: URI.parse(shown.json<{ otpauthUri: string }>().otpauthUri) as TOTP, step: 0 };
    const taken = await call({
      method: 'POST',
      url: `/ops/v1/setup/${tokenOf(second)}`,
      headers: JSON_TYPE,
      payload: { password: PASSWORD, code: freshCode(op) },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'CONSOLE_NAME_TAKEN' });
    // The link still works once the name is free (the first operator revoked).
    await ds.manager.update(OperatorEntity, { id: first.id }, { revokedAt: new Date() });
    expect((await enrol(second)).id).not.toBe(first.id);
  });

  it('signs out with the CSRF header only: 204, the cookie cleared, the session gone, audited', async () => {
    const op = await enrol(await createOperator('宮城県国保連', '04'));
    const res = await signIn(op.name, PASSWORD, freshCode(op));
    const cookie = sessionCookieOf(res)?.value ?? '';
    const { csrfToken } = res.json<{ csrfToken: string }>();
    const without = await call({ method: 'DELETE', url: '/ops/v1/session', headers: withCookie(cookie) });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'CONSOLE_CSRF' });
    const out = await call({
      method: 'DELETE',
      url: '/ops/v1/session',
      headers: withCookie(cookie, { 'x-csrf-token': csrfToken }),
    });
    expect(out.statusCode).toBe(204);
    expect(sessionCookieOf(out)).toMatchObject({ value: '', path: '/' });
    const after = await call({ method: 'GET', url: '/ops/v1/me', headers: withCookie(cookie) });
    expect(after.json()).toMatchObject({ code: 'CONSOLE_SESSION_EXPIRED' });
    expect((await audit({ operatorId: op.id, action: 'console.sign_out' })).length).toBe(1);
    // The session of the set-up is another one, and still works.
    expect(
      (await call({ method: 'GET', url: '/ops/v1/me', headers: withCookie(op.cookie) })).statusCode,
    ).toBe(200);
  });
});
