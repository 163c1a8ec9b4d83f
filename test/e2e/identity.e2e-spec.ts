import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { gatewayUrl, Office, seedOffice } from './support/api';
import { createAdmin, ops } from './support/ops';
import { call } from './support/vendor';

interface Problem {
  code: string;
  error?: string;
  requiredRole?: string;
  message: { ja: string; en: string };
}
interface Key {
  id: string;
  key: string;
  role: 'admin' | 'member';
}
interface Token {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

/** POST /v1/auth/token as an OAuth 2.0 library sends it: a form, the key as HTTP Basic password. */
async function exchange(key: string, params: Record<string, string> = {}) {
  const res = await fetch(gatewayUrl('/v1/auth/token'), {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`:${key}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...params }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Token & Problem };
}

async function bearer<T = Record<string, unknown>>(
  token: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await fetch(gatewayUrl(path), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as T };
}

describe('identity: roles on keys and access tokens (real services)', () => {
  let office: Office;
  let member: Key;

  beforeAll(async () => {
    office = seedOffice(withOfficeCheckDigit('137129701'), 'ID テスト居宅');
    const created = await call<Key>(office.apiKey, 'POST', '/v1/keys', { label: '受付PC（送受信のみ）' });
    expect(created.status).toBe(201);
    member = created.body;
  });

  it('gives the office admin key and a new member key their roles', async () => {
    expect(member.role).toBe('member');
    const me = await call(office.apiKey, 'GET', '/v1/me');
    expect(me.body).toMatchObject({ officeNumber: office.officeNumber, role: 'admin', credential: 'apiKey' });
    const listed = await call<{ items: { id: string; role: string }[] }>(office.apiKey, 'GET', '/v1/keys');
    expect(listed.body.items.find((k) => k.id === member.id)?.role).toBe('member');
  });

  it('refuses a member key every admin action with 403 KEY_ROLE_FORBIDDEN, and serves it the rest', async () => {
    const adminActions: [string, string, unknown?][] = [
      ['GET', '/v1/keys'],
      ['POST', '/v1/keys', { label: '昇格', role: 'admin' }],
      ['DELETE', `/v1/keys/${member.id}`],
      ['PUT', '/v1/webhook', { url: 'https://example.jp/careplan' }],
      ['DELETE', '/v1/webhook'],
      ['PUT', '/v1/directory/me', { listed: true }],
    ];
    for (const [method, path, body] of adminActions) {
      const res = await call<Problem>(member.key, method, path, body);
      expect([method, path, res.status, res.body.code, res.body.requiredRole]).toEqual([
        method,
        path,
        403,
        'KEY_ROLE_FORBIDDEN',
        'admin',
      ]);
      expect(res.body.message.ja).toContain('admin');
    }
    for (const path of ['/v1/inbox', '/v1/submissions', '/v1/history', '/v1/me'])
      expect([path, (await call(member.key, 'GET', path)).status]).toEqual([path, 200]);
    // Reading the webhook is a member's: there is none (404), not a refusal.
    expect((await call<Problem>(member.key, 'GET', '/v1/webhook')).body.code).toBe('WEBHOOK_NOT_CONFIGURED');
  });

  it('never lets the office revoke its last admin key (409 API_KEY_LAST_ADMIN)', async () => {
    const self = (await call<{ keyId: string }>(office.apiKey, 'GET', '/v1/me')).body.keyId;
    const refused = await call<Problem>(office.apiKey, 'DELETE', `/v1/keys/${self}`);
    expect([refused.status, refused.body.code]).toEqual([409, 'API_KEY_LAST_ADMIN']);
    expect((await call(office.apiKey, 'GET', '/v1/keys')).status).toBe(200);
  });

  it('exchanges a key for a 60-minute token that works as Bearer, verifies with the published keys, and stops with its key', async () => {
    const issued = await exchange(member.key);
    expect(issued.status).toBe(200);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    expect(issued.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'member' });
    const token = issued.body.access_token;

    const jwks = (await (await fetch(gatewayUrl('/.well-known/jwks.json'))).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks));
    expect(payload).toMatchObject({ sub: `key:${member.id}`, office: office.officeNumber, role: 'member' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);

    expect((await bearer(token, 'GET', '/v1/inbox')).status).toBe(200);
    expect((await bearer(token, 'GET', '/v1/me')).body).toMatchObject({
      keyId: member.id,
      credential: 'accessToken',
    });
    expect((await bearer<Problem>(token, 'GET', '/v1/keys')).body.code).toBe('KEY_ROLE_FORBIDDEN');

    // An admin key may ask for less; a member key not for more.
    const lesser = await exchange(office.apiKey, { scope: 'member' });
    expect((await bearer<Problem>(lesser.body.access_token, 'DELETE', '/v1/webhook')).status).toBe(403);
    const more = await exchange(member.key, { scope: 'admin' });
    expect([more.status, more.body.code, more.body.error]).toEqual([
      400,
      'TOKEN_SCOPE_INVALID',
      'invalid_scope',
    ]);

    expect((await call(office.apiKey, 'DELETE', `/v1/keys/${member.id}`)).status).toBe(200);
    const stopped = await bearer<Problem>(token, 'GET', '/v1/inbox');
    expect([stopped.status, stopped.body.code]).toEqual([401, 'ACCESS_TOKEN_REVOKED']);
    expect(stopped.headers.get('www-authenticate')).toContain('Bearer');
    const again = await exchange(member.key);
    expect([again.status, again.body.code, again.body.error]).toEqual([
      401,
      'API_KEY_REVOKED',
      'invalid_client',
    ]);
  });

  it('refuses a made-up token and a bad grant with their codes', async () => {
    const madeUp = await bearer<Problem>('eyJhbGciOiJFZERTQSJ9.e30.AAAA', 'GET', '/v1/inbox');
    expect([madeUp.status, madeUp.body.code]).toEqual([401, 'ACCESS_TOKEN_INVALID']);
    const grant = await exchange(office.apiKey, { grant_type: 'password' });
    expect([grant.status, grant.body.code, grant.body.error]).toEqual([
      400,
      'TOKEN_GRANT_UNSUPPORTED',
      'unsupported_grant_type',
    ]);
  });

  it("lets an operator issue a member key through the operations API; the operator's keys are admin by default", async () => {
    const admin = createAdmin('ID テスト 管理者');
    const path = `/ops/v1/offices/${office.officeNumber}/keys`;
    const asMember = await ops<{ apiKey: string; role: string }>(admin, 'POST', path, {
      label: '運用 member',
      role: 'member',
    });
    const asDefault = await ops<{ role: string }>(admin, 'POST', path, { label: '運用 既定' });
    expect([asMember.status, asMember.body.role, asDefault.body.role]).toEqual([201, 'member', 'admin']);
    expect((await call<Problem>(asMember.body.apiKey, 'GET', '/v1/keys')).body.code).toBe(
      'KEY_ROLE_FORBIDDEN',
    );
  });
});
