import { randomUUID } from 'node:crypto';
import { eventually, gatewayUrl } from './support/api';
import { call } from './support/vendor';
import { createAdmin, createPrefectureOperator, officeNo, ops, registerLicensed } from './support/ops';

interface Problem {
  code: string;
  status: number;
  message: { ja: string; en: string };
}

// Prefecture 44 (大分) belongs to this file: other e2e files use other prefectures.
const OFFICE = officeNo('441200001');

/** Operator mistakes answer 4xx with a stable code, never a 500. */
describe('operations API: odd input', () => {
  let admin: string;
  let oita: string;

  beforeAll(async () => {
    admin = createAdmin('レビュー 管理者');
    oita = await createPrefectureOperator(admin, '大分県国保連 担当', '44');
    await registerLicensed(admin, OFFICE, '大分居宅');
  });

  it('refuses null for a field PATCH may change, and keeps the office as it was', async () => {
    for (const body of [{ name: null }, { kind: null }]) {
      const res = await ops<Problem>(oita, 'PATCH', `/ops/v1/offices/${OFFICE}`, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    const office = await ops<{ name: string }>(oita, 'GET', `/ops/v1/offices/${OFFICE}`);
    expect(office.body.name).toBe('大分居宅');
  });

  it("refuses null for a license's auto-renewal or billing method", async () => {
    for (const body of [{ autoRenew: null }, { billingMethod: null }]) {
      const res = await ops<Problem>(oita, 'PATCH', `/ops/v1/offices/${OFFICE}/license`, body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    const license = await ops<{ autoRenew: boolean; billingMethod: string }>(
      oita,
      'GET',
      `/ops/v1/offices/${OFFICE}/license`,
    );
    expect(license.body).toMatchObject({ autoRenew: true, billingMethod: 'deduction' });
  });

  it('refuses dates and months outside the calendar the database holds', async () => {
    const other = officeNo('441200002');
    expect(
      (await ops(admin, 'POST', '/ops/v1/offices', { officeNumber: other, name: 'x', kind: 'y' })).status,
    ).toBe(201);
    const apply = await ops<Problem>(admin, 'POST', `/ops/v1/offices/${other}/license`, {
      startDate: '0000-01-01',
      applicationDate: '0000-01-01',
    });
    expect(apply.status).toBeGreaterThanOrEqual(400);
    expect(apply.status).toBeLessThan(500);
    const statement = await ops<Problem>(oita, 'GET', '/ops/v1/billing/statements?month=0000-01');
    expect(statement.status).toBeGreaterThanOrEqual(400);
    expect(statement.status).toBeLessThan(500);
  });

  it("replays nothing, without an error, when a prefecture operator names only other prefectures' dead letters", async () => {
    const res = await ops<{ replayed: number }>(oita, 'POST', '/ops/v1/dead-letters/replay', {
      ids: [randomUUID()],
    });
    expect([res.status, res.body]).toEqual([200, { replayed: 0 }]);
  });

  it('does not read ids: null as "replay every dead letter"', async () => {
    const res = await ops<Problem>(admin, 'POST', '/ops/v1/dead-letters/replay', { ids: null });
    expect(res.status).toBe(400);
  });

  it('refuses a null key label and a null operator prefecture instead of failing in the database', async () => {
    const key = await ops<Problem>(oita, 'POST', `/ops/v1/offices/${OFFICE}/keys`, { label: null });
    expect(key.status).toBe(400);
    const operator = await ops<Problem>(admin, 'POST', '/ops/v1/operators', {
      name: 'x',
      role: 'prefecture',
      prefecture: null,
    });
    expect(operator.status).toBe(400);
  });

  it('answers 400 to a receipt verification with pdf: null, not an unavailable service', async () => {
    const res = await fetch(gatewayUrl('/v1/receipts/verify'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pdf: null }),
    });
    expect(res.status).toBe(400);
  });

  it('answers odd cursors, ids and content types with a 4xx problem', async () => {
    const cursor = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    const forged = cursor('2026-11-01T00:00:00.000Z|not-an-id');
    const answers: [string, number, string][] = [];
    for (const path of [
      `/ops/v1/audit?cursor=${forged}`,
      `/ops/v1/dead-letters?cursor=${forged}`,
      '/ops/v1/offices?cursor=%25%25%25',
      `/ops/v1/offices/${OFFICE}/keys/not-a-uuid/revoke`,
    ]) {
      const res = await ops<Problem>(oita, path.endsWith('/revoke') ? 'POST' : 'GET', path);
      answers.push([path, res.status, res.body.code]);
    }
    expect(answers.filter(([, status]) => status < 400 || status >= 500)).toEqual([]);
    expect(answers.slice(0, 2).map(([, , code]) => code)).toEqual(['CURSOR_INVALID', 'CURSOR_INVALID']);
  });

  it('refuses a new self-service key to a deactivated office, as the registry refuses operators', async () => {
    const closing = officeNo('441200004');
    await registerLicensed(admin, closing, '閉所予定');
    const issued = await ops<{ apiKey: string }>(admin, 'POST', `/ops/v1/offices/${closing}/keys`, {
      label: 'PC',
    });
    const key = issued.body.apiKey;
    await eventually(
      () => call(key, 'GET', '/v1/keys').then((r) => r.status),
      (status) => status === 200,
    );
    expect((await ops(admin, 'POST', `/ops/v1/offices/${closing}/deactivate`)).status).toBe(200);
    // Once the gateway has the deactivation (an event away), no new key is issued.
    const res = await eventually(
      () => call<Problem>(key, 'POST', '/v1/keys', { label: 'another PC' }),
      (r) => r.body.code === 'OFFICE_INACTIVE',
      30_000,
    );
    expect(res.status).toBe(409);
  });
});
