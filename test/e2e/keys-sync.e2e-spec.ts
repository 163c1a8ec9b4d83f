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

// Keys an office makes or revokes itself (/v1/keys) reach the archive's registry as events, and the
// operator's own key changes reach the gateway: both sides end up with the same keys, in either direction.
describe('API keys: office self-service and the operations registry stay in step', () => {
  let admin: string;
  let office: Office;

  beforeAll(() => {
    admin = createAdmin('キー同期 管理者');
    office = seedOffice(withOfficeCheckDigit('137129501'), 'キー同期テスト居宅');
  });

  const opsKeys = () => ops<OpsKey[]>(admin, 'GET', `/ops/v1/offices/${office.officeNumber}/keys`);
  const opsKey = (id: string) => async () => (await opsKeys()).body.find((k) => k.id === id);
  const whoAmI = (apiKey: string) => call<VendorKey>(apiKey, 'GET', '/v1/keys');

  it('lists a key the office created itself for the operator', async () => {
    const created = await call<VendorKey>(office.apiKey, 'POST', '/v1/keys', { label: '事務所PC-同期' });
    expect(created.status).toBe(201);
    const listed = await eventually(opsKey(created.body.id), (k) => k !== undefined);
    expect(listed).toMatchObject({
      officeNumber: office.officeNumber,
      keyPrefix: created.body.prefix,
      label: '事務所PC-同期',
      revokedAt: null,
    });
  });

  it("lets the operator revoke an office-created key: the office's key then answers 401 API_KEY_REVOKED", async () => {
    const created = await call<VendorKey>(office.apiKey, 'POST', '/v1/keys', { label: '受付PC-同期' });
    expect(created.status).toBe(201);
    expect((await whoAmI(created.body.key!)).status).toBe(200);
    await eventually(opsKey(created.body.id), (k) => k !== undefined);

    const revoked = await ops<OpsKey>(
      admin,
      'POST',
      `/ops/v1/offices/${office.officeNumber}/keys/${created.body.id}/revoke`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();

    const refused = await eventually(
      () => whoAmI(created.body.key!),
      (r) => r.status === 401,
    );
    expect(refused.body.code).toBe('API_KEY_REVOKED');
    // The operator's revocation came back to the archive as an event: it keeps its first time.
    expect((await opsKey(created.body.id)())?.revokedAt).toBe(revoked.body.revokedAt);
  });

  it('shows an operator-issued key the office revoked itself as revoked to the operator', async () => {
    const issued = await ops<OpsKey & { apiKey: string }>(
      admin,
      'POST',
      `/ops/v1/offices/${office.officeNumber}/keys`,
      { label: '運用発行キー' },
    );
    expect(issued.status).toBe(201);
    await eventually(
      () => whoAmI(issued.body.apiKey),
      (r) => r.status === 200,
    );

    const revoked = await call<VendorKey>(office.apiKey, 'DELETE', `/v1/keys/${issued.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await whoAmI(issued.body.apiKey)).status).toBe(401);

    const listed = await eventually(opsKey(issued.body.id), (k) => !!k?.revokedAt);
    expect(listed).toMatchObject({ label: '運用発行キー', keyPrefix: issued.body.keyPrefix });
    // The office's keys, self-made or not, are the operator's list too; nothing was duplicated.
    const all = (await opsKeys()).body;
    expect(new Set(all.map((k) => k.id)).size).toBe(all.length);
  });
});
