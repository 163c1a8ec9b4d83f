import { eventually, gatewayUrl, submit } from './support/api';
import { createAdmin, officeNo, ops, planBundle, registerLicensed } from './support/ops';

interface Problem {
  code: string;
  message: { ja: string; en: string };
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// Prefectures 47 (沖縄) and 27 (大阪) belong to this file: other e2e files use other prefectures.
const SENDER = officeNo('471200001');
const RECEIVER = officeNo('471500001');
const LOCAL = officeNo('471200002');
const OSAKA = officeNo('271200001');

const sendProbe = (apiKey: string) => async () => {
  const res = await submit({ officeNumber: SENDER, apiKey }, RECEIVER, planBundle(SENDER, RECEIVER));
  const body = (await res.json()) as Partial<Problem>;
  return { status: res.status, code: body.code };
};

describe('operations API', () => {
  let admin: string;
  let okinawa: string;

  beforeAll(async () => {
    admin = createAdmin('中央 管理者');
    const created = await ops<{ token: string; role: string; prefecture: string }>(
      admin,
      'POST',
      '/ops/v1/operators',
      {
        name: '沖縄県国保連 担当',
        role: 'prefecture',
        prefecture: '47',
      },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'prefecture', prefecture: '47' });
    okinawa = created.body.token;
  });

  it('needs a valid operator token', async () => {
    expect((await ops<Problem>(undefined, 'GET', '/ops/v1/me')).body.code).toBe('OPS_TOKEN_MISSING');
    expect((await ops<Problem>('cpo_nope', 'GET', '/ops/v1/me')).status).toBe(401);
    expect((await ops(admin, 'GET', '/ops/v1/me')).body).toMatchObject({
      name: '中央 管理者',
      role: 'central',
    });
  });

  it('describes itself in its own OpenAPI document, apart from the vendor API', async () => {
    const doc = await ops<{ paths: Record<string, unknown> }>(undefined, 'GET', '/ops/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/ops/v1/offices',
        '/ops/v1/offices/{no}/license',
        '/ops/v1/billing/statements',
      ]),
    );
    expect(Object.keys(doc.body.paths).filter((p) => p.startsWith('/internal'))).toEqual([]);
  });

  it('refuses an office number with a wrong check digit', async () => {
    const wrong = SENDER.slice(0, 9) + String((Number(SENDER[9]) + 1) % 10);
    const res = await ops<Problem>(admin, 'POST', '/ops/v1/offices', {
      officeNumber: wrong,
      name: 'x',
      kind: 'y',
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('OFFICE_NUMBER_CHECK_DIGIT');
  });

  it("keeps a prefecture operator to its own prefecture's data", async () => {
    expect(
      (
        await ops(admin, 'POST', '/ops/v1/offices', {
          officeNumber: OSAKA,
          name: '大阪の事業所',
          kind: '訪問介護',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await ops(okinawa, 'POST', '/ops/v1/offices', {
          officeNumber: LOCAL,
          name: '那覇の事業所',
          kind: '訪問介護',
        })
      ).status,
    ).toBe(201);

    const single = await ops<Problem>(okinawa, 'GET', `/ops/v1/offices/${OSAKA}`);
    expect(single.status).toBe(404);
    expect(single.body.code).toBe('OFFICE_NOT_FOUND');
    expect((await ops(okinawa, 'GET', `/ops/v1/offices/${OSAKA}/license`)).status).toBe(404);
    expect((await ops(okinawa, 'POST', `/ops/v1/offices/${OSAKA}/keys`, {})).status).toBe(404);

    const list = await ops<Page<{ officeNumber: string }>>(okinawa, 'GET', '/ops/v1/offices');
    expect(list.body.items.map((o) => o.officeNumber)).toContain(LOCAL);
    expect(list.body.items.every((o) => o.officeNumber.startsWith('47'))).toBe(true);

    for (const path of [
      '/ops/v1/offices?prefecture=27',
      '/ops/v1/billing/statements?prefecture=27&month=2026-06',
      '/ops/v1/billing/annual?prefecture=27&fiscalYear=2026',
      '/ops/v1/adoption?prefecture=27',
      '/ops/v1/dead-letters?prefecture=27',
    ]) {
      const res = await ops<Problem>(okinawa, 'GET', path);
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'OPS_SCOPE']);
    }
    const create = await ops<Problem>(okinawa, 'POST', '/ops/v1/offices', {
      officeNumber: officeNo('271200002'),
      name: 'x',
      kind: 'y',
    });
    expect([create.status, create.body.code]).toEqual([403, 'OPS_SCOPE']);
    const operator = await ops<Problem>(okinawa, 'POST', '/ops/v1/operators', { name: 'x', role: 'central' });
    expect([operator.status, operator.body.code]).toEqual([403, 'OPS_ROLE']);
  });

  it("proxies the router's dead letters within the prefecture", async () => {
    const res = await ops<Page<unknown>>(okinawa, 'GET', '/ops/v1/dead-letters');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.items)).toBe(true);
  });

  it('lets an operator-created office send with an operator-issued key, and refuses it once suspended', async () => {
    await registerLicensed(admin, SENDER, '那覇居宅介護支援事業所');
    await registerLicensed(admin, RECEIVER, '那覇訪問介護');
    const issued = await ops<{ id: string; apiKey: string; keyPrefix: string }>(
      admin,
      'POST',
      `/ops/v1/offices/${SENDER}/keys`,
      {
        label: '受付PC',
      },
    );
    expect(issued.status).toBe(201);
    expect(issued.body.apiKey.startsWith(issued.body.keyPrefix)).toBe(true);
    // The key and the license reach the gateway as events: the send succeeds once they have arrived.
    await eventually(sendProbe(issued.body.apiKey), (r) => r.status === 202);

    const suspended = await ops<{ state: string }>(
      okinawa,
      'POST',
      `/ops/v1/offices/${SENDER}/license/suspend`,
    );
    expect(suspended.body.state).toBe('suspended');
    await eventually(
      sendProbe(issued.body.apiKey),
      (r) => r.status === 403 && r.code === 'SENDER_UNLICENSED',
    );

    const revoked = await ops(okinawa, 'POST', `/ops/v1/offices/${SENDER}/keys/${issued.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    await eventually(
      async () => {
        const res = await fetch(gatewayUrl('/v1/history'), { headers: { 'x-api-key': issued.body.apiKey } });
        return ((await res.json()) as Partial<Problem>).code;
      },
      (code) => code === 'API_KEY_REVOKED',
    );
  });

  it('counts adoption from the archive history', async () => {
    const figures = await eventually(
      () =>
        ops<{
          totals: { registered: number; licensed: number; active30: number };
          prefectures: Record<string, unknown>[];
          districts: Record<string, unknown>[];
        }>(okinawa, 'GET', '/ops/v1/adoption'),
      (r) => r.body.totals.active30 >= 2,
    );
    // SENDER sent (and is now suspended), RECEIVER received and is licensed; LOCAL has no license.
    expect(figures.body.totals).toMatchObject({ registered: 3, licensed: 1 });
    expect(figures.body.prefectures).toEqual([
      { prefecture: '47', registered: 3, licensed: 1, active30: 2, active90: 2 },
    ]);
    // SENDER and LOCAL are in district 20 (digits 4–5), RECEIVER in 50.
    expect(figures.body.districts).toEqual([
      { prefecture: '47', district: '20', registered: 2, licensed: 0, active30: 1, active90: 1 },
      { prefecture: '47', district: '50', registered: 1, licensed: 1, active30: 1, active90: 1 },
    ]);
  });

  it('audits every operator action in an append-only log, scoped like the data', async () => {
    const all = await ops<
      Page<{ action: string; target: string; operatorName: string; prefecture: string | null }>
    >(admin, 'GET', '/ops/v1/audit?limit=200');
    const actions = all.body.items.filter((a) => a.target === SENDER).map((a) => a.action);
    expect(actions).toEqual(['key.revoke', 'license.suspend', 'key.issue', 'license.apply', 'office.create']);
    expect(
      all.body.items.some((a) => a.action === 'operator.create' && a.operatorName === '中央 管理者'),
    ).toBe(true);
    const scoped = await ops<Page<{ prefecture: string | null }>>(okinawa, 'GET', '/ops/v1/audit?limit=200');
    expect(scoped.body.items.length).toBeGreaterThan(0);
    expect(scoped.body.items.every((a) => a.prefecture === '47')).toBe(true);
  });
});
