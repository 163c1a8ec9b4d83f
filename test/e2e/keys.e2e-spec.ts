import { randomUUID } from 'node:crypto';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { Office, seedOffice } from './support/api';
import { call } from './support/vendor';

interface Key {
  id: string;
  label: string;
  prefix: string;
  createdAt: string;
  role: 'admin' | 'member';
  lastUsedAt: string | null;
  revokedAt: string | null;
  key?: string;
}
interface Problem {
  code: string;
  message: { ja: string; en: string };
}

const KEY_FIELDS = ['createdAt', 'id', 'label', 'lastUsedAt', 'prefix', 'revokedAt', 'role'];

describe('API keys: self-service and revocation', () => {
  let office: Office;
  let other: Office;

  beforeAll(() => {
    office = seedOffice(withOfficeCheckDigit('137129401'), 'キー管理テスト居宅');
    other = seedOffice(withOfficeCheckDigit('137159401'), 'キー管理テスト訪問介護');
  });

  const keys = (apiKey: string) => call<{ items: Key[] }>(apiKey, 'GET', '/v1/keys');
  const create = (apiKey: string, label: unknown, role?: 'admin' | 'member') =>
    call<Key & Problem>(apiKey, 'POST', '/v1/keys', { label, ...(role ? { role } : {}) });
  const revoke = (apiKey: string, id: string) => call<Key & Problem>(apiKey, 'DELETE', `/v1/keys/${id}`);

  it('lists the office keys with label, prefix and last use, never a hash or the key', async () => {
    const res = await keys(office.apiKey);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const [seed] = res.body.items;
    expect(Object.keys(seed).sort()).toEqual(KEY_FIELDS);
    expect(seed.label).toBe('seed');
    expect(seed.role).toBe('admin');
    expect(office.apiKey.startsWith(seed.prefix)).toBe(true);
    expect(seed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(res.body)).not.toContain(office.apiKey);
  });

  it('issues a key shown once, which works at once and is listed without its secret', async () => {
    const created = await create(office.apiKey, '受付PC（請求ソフト）', 'admin');
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^cpx_/);
    expect(created.body.key?.startsWith(created.body.prefix)).toBe(true);
    expect(created.body).toMatchObject({
      label: '受付PC（請求ソフト）',
      role: 'admin',
      revokedAt: null,
      lastUsedAt: null,
    });

    const listed = await keys(created.body.key!);
    expect(listed.status).toBe(200);
    const mine = listed.body.items.find((k) => k.id === created.body.id)!;
    expect(Object.keys(mine).sort()).toEqual(KEY_FIELDS);
    expect(mine.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
  });

  it('refuses a missing, empty or control-character label and unknown fields', async () => {
    for (const body of [{}, { label: '' }, { label: '   ' }, { label: 'a\nb' }, { label: 'x'.repeat(101) }]) {
      const res = await call<Problem>(office.apiKey, 'POST', '/v1/keys', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('BAD_REQUEST');
    }
    const extra = await call<Problem>(office.apiKey, 'POST', '/v1/keys', {
      label: 'x',
      officeNumber: other.officeNumber,
    });
    expect(extra.status).toBe(400);
  });

  it('revokes a key: it fails with API_KEY_REVOKED from the next request on, and revoking twice keeps the time', async () => {
    const created = await create(office.apiKey, 'PC-3');
    const first = await revoke(office.apiKey, created.body.id);
    expect(first.status).toBe(200);
    expect(first.body.revokedAt).not.toBeNull();
    expect(first.body.key).toBeUndefined();

    const denied = await keys(created.body.key!);
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ code: 'API_KEY_REVOKED' });

    const again = await revoke(office.apiKey, created.body.id);
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(first.body.revokedAt);
    const listed = await keys(office.apiKey);
    expect(listed.body.items.find((k) => k.id === created.body.id)?.revokedAt).toBe(first.body.revokedAt);
  });

  it('lets a key revoke itself; the revocation takes effect for the next request', async () => {
    const created = await create(office.apiKey, 'PC-4（廃棄予定）', 'admin');
    const self = await revoke(created.body.key!, created.body.id);
    expect(self.status).toBe(200);
    const next = await keys(created.body.key!);
    expect(next.status).toBe(401);
    expect(next.body).toMatchObject({ code: 'API_KEY_REVOKED' });
    expect((await keys(office.apiKey)).status).toBe(200);
  });

  it('never shows or revokes another office key: 404, and that key keeps working', async () => {
    const theirs = (await keys(other.apiKey)).body.items[0];
    const attempt = await revoke(office.apiKey, theirs.id);
    expect(attempt.status).toBe(404);
    expect(attempt.body.code).toBe('API_KEY_NOT_FOUND');
    expect(JSON.stringify(attempt.body)).not.toContain(theirs.prefix);
    expect((await keys(other.apiKey)).status).toBe(200);
    const mine = (await keys(office.apiKey)).body.items.map((k) => k.id);
    expect(mine).not.toContain(theirs.id);
    expect((await revoke(office.apiKey, randomUUID())).status).toBe(404);
    expect((await revoke(office.apiKey, 'not-a-uuid')).status).toBe(400);
  });

  it('answers a missing or wrong key with 401 and a code in both languages', async () => {
    const missing = await call<Problem>(undefined, 'GET', '/v1/keys');
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('API_KEY_MISSING');
    expect(missing.body.message.ja).toBeTruthy();
    const wrong = await call<Problem>('cpx_not-a-real-key', 'GET', '/v1/keys');
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('API_KEY_INVALID');
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
  });
});
