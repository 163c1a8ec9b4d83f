import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { gatewayUrl, Office, seedOffice } from './support/api';
import { call } from './support/vendor';

interface Problem {
  code: string;
  error?: string;
}
interface Session {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  refresh_expires_in: number;
  scope: string;
}
interface Staff {
  id: string;
  loginId: string;
  role: string;
  status: string;
}

const PASSWORD = '居宅介護支援-e2e-2027';

async function post<T>(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(gatewayUrl(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T & Problem };
}
const bearer = async <T = Record<string, unknown>>(token: string, path: string) => {
  const res = await fetch(gatewayUrl(path), { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T & Problem };
};

describe('staff users: sign-in, rotating refresh, removal (real services)', () => {
  let office: Office;
  let other: Office;

  beforeAll(() => {
    office = seedOffice(withOfficeCheckDigit('137129801'), 'スタッフ テスト居宅');
    other = seedOffice(withOfficeCheckDigit('137129802'), 'スタッフ テスト別居宅');
  });

  const createStaff = async (loginId: string, role: 'admin' | 'member', by = office) => {
    const res = await call<Staff>(by.apiKey, 'POST', '/v1/staff', {
      loginId,
      displayName: `${loginId} さん`,
      role,
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const signIn = (loginId: string, password = PASSWORD, officeNumber = office.officeNumber) =>
    post<Session>('/v1/auth/sign-in', { officeNumber, loginId, password });
  const refresh = (token: string) =>
    fetch(gatewayUrl('/v1/auth/token'), {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Session & Problem }));

  it('signs a staff user in; its token works, the refresh token rotates, and reusing an old one ends the session', async () => {
    await createStaff('sato', 'member');
    const signedIn = await signIn('sato');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_expires_in: 28800,
      scope: 'member',
    });
    const me = await bearer(signedIn.body.access_token, '/v1/me');
    expect(me.body).toMatchObject({
      officeNumber: office.officeNumber,
      role: 'member',
      staff: { loginId: 'sato' },
    });
    expect((await bearer(signedIn.body.access_token, '/v1/inbox')).status).toBe(200);
    expect((await bearer(signedIn.body.access_token, '/v1/staff')).body.code).toBe('KEY_ROLE_FORBIDDEN');

    const rotated = await refresh(signedIn.body.refresh_token);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(signedIn.body.refresh_token);
    expect((await bearer(rotated.body.access_token, '/v1/inbox')).status).toBe(200);

    const reused = await refresh(signedIn.body.refresh_token);
    expect([reused.status, reused.body.code, reused.body.error]).toEqual([
      400,
      'REFRESH_TOKEN_REUSED',
      'invalid_grant',
    ]);
    expect((await refresh(rotated.body.refresh_token)).body.code).toBe('REFRESH_TOKEN_REVOKED');
    expect((await bearer(rotated.body.access_token, '/v1/inbox')).body.code).toBe('ACCESS_TOKEN_REVOKED');
  });

  it("stops a removed user's access token and refresh at once", async () => {
    const suzuki = await createStaff('suzuki', 'member');
    const s = (await signIn('suzuki')).body;
    expect((await bearer(s.access_token, '/v1/inbox')).status).toBe(200);
    expect((await call(office.apiKey, 'DELETE', `/v1/staff/${suzuki.id}`)).status).toBe(204);
    const access = await bearer(s.access_token, '/v1/inbox');
    expect([access.status, access.body.code]).toEqual([401, 'ACCESS_TOKEN_REVOKED']);
    expect((await refresh(s.refresh_token)).body.code).toBe('REFRESH_TOKEN_REVOKED');
    expect((await signIn('suzuki')).body.code).toBe('SIGN_IN_FAILED');
  });

  it('lets an admin staff user manage staff; refuses wrong passwords alike and locks after five', async () => {
    await createStaff('kanri', 'admin');
    const admin = (await signIn('kanri')).body;
    const listed = await bearer<{ items: Staff[] }>(admin.access_token, '/v1/staff');
    expect(listed.body.items.map((u) => u.loginId)).toEqual(expect.arrayContaining(['sato', 'kanri']));

    await createStaff('tanaka', 'member');
    for (let i = 0; i < 5; i++)
      expect((await signIn('tanaka', 'not-the-password')).body.code).toBe('SIGN_IN_FAILED');
    const locked = await signIn('tanaka');
    expect([locked.status, locked.body.code]).toEqual([423, 'STAFF_SIGN_IN_LOCKED']);
  });

  it("keeps one office's staff from another's admin: 404, and not listed", async () => {
    const mine = await createStaff('ito', 'member');
    const touched = await call<Problem>(other.apiKey, 'PATCH', `/v1/staff/${mine.id}`, { suspended: true });
    expect([touched.status, touched.body.code]).toEqual([404, 'STAFF_NOT_FOUND']);
    const removed = await call<Problem>(other.apiKey, 'DELETE', `/v1/staff/${mine.id}`);
    expect(removed.status).toBe(404);
    const theirs = await call<{ items: Staff[] }>(other.apiKey, 'GET', '/v1/staff');
    expect(theirs.body.items.map((u) => u.id)).not.toContain(mine.id);
    expect((await signIn('ito', PASSWORD, other.officeNumber)).body.code).toBe('SIGN_IN_FAILED');
    expect((await signIn('ito')).status).toBe(200);
  });
});
