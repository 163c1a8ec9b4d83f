import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { eventually, Office, seedOffice } from './support/api';
import { createAdmin, ops } from './support/ops';
import { call } from './support/vendor';

interface OpsKey {
  id: string;
  officeNumber: string;
  keyPrefix: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
interface VendorKey {
  id: string;
  prefix: string;
  label: string;
  revokedAt: string | null;
  key?: string;
  code?: string;
}

// The gateway owns API keys: the office's /v1/keys and the operators' /ops/v1/offices/:no/keys (the archive
// checks scope, asks the gateway's internal API and audits) read and change the same rows. Nothing is
// replicated, so every change holds at the very next request, from either side.
describe('API keys: one owner, the gateway, for office self-service and the operations API', () => {
  let admin: string;
  let office: Office;

  beforeAll(() => {
    admin = createAdmin('キー同期 管理者');
    office = seedOffice(withOfficeCheckDigit('137129501'), 'キー同期テスト居宅');
  });

  const opsKeys = async () =>
    (await ops<OpsKey[]>(admin, 'GET', `/ops/v1/offices/${office.officeNumber}/keys`)).body;
  const opsKey = async (id: string) => (await opsKeys()).find((k) => k.id === id);
  const vendorKeys = (apiKey: string) => call<{ items: VendorKey[] } & VendorKey>(apiKey, 'GET', '/v1/keys');

  it('lets an operator-issued key work at the gateway at once, and the office lists it', async () => {
    const issued = await ops<OpsKey & { apiKey: string }>(
      admin,
      'POST',
      `/ops/v1/offices/${office.officeNumber}/keys`,
      { label: '運用発行キー' },
    );
    expect(issued.status).toBe(201);
    expect(issued.body.apiKey.startsWith(issued.body.keyPrefix)).toBe(true);

    const mine = await vendorKeys(issued.body.apiKey);
    expect(mine.status).toBe(200);
    expect(mine.body.items.find((k) => k.id === issued.body.id)).toMatchObject({
      prefix: issued.body.keyPrefix,
      label: '運用発行キー',
      revokedAt: null,
    });
    // The office's own key sees the same list.
    expect((await vendorKeys(office.apiKey)).body.items.map((k) => k.id)).toContain(issued.body.id);
  });

  it('lists a key the office created itself for the operator at once', async () => {
    const created = await call<VendorKey>(office.apiKey, 'POST', '/v1/keys', { label: '事務所PC-同期' });
    expect(created.status).toBe(201);
    expect(await opsKey(created.body.id)).toMatchObject({
      officeNumber: office.officeNumber,
      keyPrefix: created.body.prefix,
      label: '事務所PC-同期',
      revokedAt: null,
    });
    // One list, no copies.
    const all = await opsKeys();
    expect(new Set(all.map((k) => k.id)).size).toBe(all.length);
  });

  it("lets the operator revoke an office-created key: the office's next request with it answers 401", async () => {
    const created = await call<VendorKey>(office.apiKey, 'POST', '/v1/keys', {
      label: '受付PC-同期',
      role: 'admin',
    });
    expect((await vendorKeys(created.body.key!)).status).toBe(200);

    const revoked = await ops<OpsKey>(
      admin,
      'POST',
      `/ops/v1/offices/${office.officeNumber}/keys/${created.body.id}/revoke`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const refused = await vendorKeys(created.body.key!);
    expect([refused.status, refused.body.code]).toEqual([401, 'API_KEY_REVOKED']);

    // Revoking again keeps the first time and is audited once.
    const again = await ops<OpsKey>(
      admin,
      'POST',
      `/ops/v1/offices/${office.officeNumber}/keys/${created.body.id}/revoke`,
    );
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    const audit = await ops<{ items: { action: string; details: { keyId?: string } }[] }>(
      admin,
      'GET',
      '/ops/v1/audit?limit=200',
    );
    const revocations = audit.body.items.filter(
      (a) => a.action === 'key.revoke' && a.details.keyId === created.body.id,
    );
    expect(revocations).toHaveLength(1);
  });

  it('shows an operator-issued key the office revoked itself as revoked to the operator at once', async () => {
    const issued = await ops<OpsKey & { apiKey: string }>(
      admin,
      'POST',
      `/ops/v1/offices/${office.officeNumber}/keys`,
      { label: '運用発行キー2' },
    );
    const revoked = await call<VendorKey>(office.apiKey, 'DELETE', `/v1/keys/${issued.body.id}`);
    expect(revoked.status).toBe(200);
    expect((await vendorKeys(issued.body.apiKey)).status).toBe(401);
    expect(await opsKey(issued.body.id)).toMatchObject({
      label: '運用発行キー2',
      keyPrefix: issued.body.keyPrefix,
      revokedAt: revoked.body.revokedAt,
    });
  });

  it('answers a key issued for a just-registered office 403 (never 500) until the gateway knows the office', async () => {
    const fresh = withOfficeCheckDigit('137129502');
    const created = await ops(admin, 'POST', '/ops/v1/offices', {
      officeNumber: fresh,
      name: 'キー同期 新規事業所',
      kind: '訪問介護',
    });
    expect(created.status).toBe(201);
    const issued = await ops<OpsKey & { apiKey: string }>(admin, 'POST', `/ops/v1/offices/${fresh}/keys`, {
      label: '新規PC',
    });
    expect(issued.status).toBe(201);
    const answers: number[] = [];
    const known = await eventually(
      async () => {
        const r = await vendorKeys(issued.body.apiKey);
        answers.push(r.status);
        if (r.status === 403) expect(r.body.code).toBe('OFFICE_NOT_REGISTERED');
        return r;
      },
      (r) => r.status === 200,
    );
    expect(known.body.items.map((k) => k.id)).toEqual([issued.body.id]);
    expect(answers.every((s) => s === 200 || s === 403)).toBe(true);
  });
});
