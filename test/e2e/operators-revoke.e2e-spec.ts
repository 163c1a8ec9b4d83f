import { createAdmin, ops } from './support/ops';

interface Operator {
  id: string;
  name: string;
  role: string;
  prefecture: string | null;
  createdAt: string;
  revokedAt: string | null;
  token?: string;
  code?: string;
}
interface Audit {
  items: { action: string; target: string; operatorId: string | null; details: Record<string, unknown> }[];
}

describe('operations API: revoking an operator token', () => {
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    admin = createAdmin('失効テスト 管理者');
    adminId = (await ops<{ id: string }>(admin, 'GET', '/ops/v1/me')).body.id;
  });

  const createOperator = async (name: string, prefecture = '46') => {
    const res = await ops<Operator>(admin, 'POST', '/ops/v1/operators', {
      name,
      role: 'prefecture',
      prefecture,
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  it("refuses a revoked operator's token with 401 OPS_TOKEN_REVOKED, keeps the first time, and audits it once", async () => {
    const kagoshima = await createOperator('鹿児島県国保連 失効');
    expect(kagoshima.revokedAt).toBeNull();
    expect((await ops(kagoshima.token, 'GET', '/ops/v1/me')).status).toBe(200);

    const revoked = await ops<Operator>(admin, 'POST', `/ops/v1/operators/${kagoshima.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: kagoshima.id, name: '鹿児島県国保連 失効' });
    expect(revoked.body.revokedAt).not.toBeNull();
    expect(revoked.body).not.toHaveProperty('token');

    const refused = await ops<Operator>(kagoshima.token, 'GET', '/ops/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('OPS_TOKEN_REVOKED');

    const again = await ops<Operator>(admin, 'POST', `/ops/v1/operators/${kagoshima.id}/revoke`);
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);

    const listed = await ops<Operator[]>(admin, 'GET', '/ops/v1/operators');
    expect(listed.body.find((o) => o.id === kagoshima.id)?.revokedAt).toBe(revoked.body.revokedAt);

    const audit = await ops<Audit>(admin, 'GET', '/ops/v1/audit?limit=200');
    const entries = audit.body.items.filter(
      (e) => e.action === 'operator.revoke' && e.target === kagoshima.id,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      operatorId: adminId,
      details: { name: '鹿児島県国保連 失効', role: 'prefecture' },
    });
  });

  it('is central only; an unknown operator is 404 and revoking oneself is refused', async () => {
    const target = await createOperator('鹿児島県国保連 対象');
    const prefectureOp = await createOperator('鹿児島県国保連 実行者');
    const forbidden = await ops<Operator>(
      prefectureOp.token,
      'POST',
      `/ops/v1/operators/${target.id}/revoke`,
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('OPS_ROLE');
    expect((await ops(target.token, 'GET', '/ops/v1/me')).status).toBe(200);

    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const missing = await ops<Operator>(admin, 'POST', `/ops/v1/operators/${id}/revoke`);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('OPERATOR_NOT_FOUND');
    }

    const self = await ops<Operator>(admin, 'POST', `/ops/v1/operators/${adminId}/revoke`);
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('OPERATOR_SELF_REVOKE');
    expect((await ops(admin, 'GET', '/ops/v1/me')).status).toBe(200);
  });
});
