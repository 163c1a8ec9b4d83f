import { eventually, seedOffice, submit } from './support/api';
import { createAdmin, createPrefectureOperator, officeNo, ops, planBundle } from './support/ops';

// Prefecture 41 (佐賀) belongs to this file: its figures are this file's submissions only.
const SENDER = officeNo('411200001');
const RECEIVER = officeNo('411500001');

interface Overview {
  prefecture: string | null;
  submissions: { total: number; byStatus: Record<string, number> };
  deliveries: { pull: number; webhook: number } | null;
  webhookDeadLetters: number | null;
  kafkaDlq: { messages: number; notReplayed: number } | null;
  consumerLag: number | null;
  services: { service: string; status: string; metrics: { residentMemoryBytes: number | null } | null }[];
  last24h: { submitted: number; delivered: number }[];
}

describe('the overview of the operations console, on the running system', () => {
  let admin: string;
  let saga: string;

  beforeAll(async () => {
    admin = createAdmin('中央 概況');
    saga = await createPrefectureOperator(admin, '佐賀県国保連 概況', '41');
    const sender = seedOffice(SENDER, '佐賀居宅介護支援');
    seedOffice(RECEIVER, '佐賀訪問介護');
    const res = await submit(sender, RECEIVER, planBundle(SENDER, RECEIVER));
    expect(res.status).toBe(202);
  });

  it("counts the prefecture's submission through delivery, with the router's channel and dead letters", async () => {
    const overview = await eventually(
      async () => (await ops<Overview>(saga, 'GET', '/ops/v1/overview')).body,
      (o) => o.submissions.byStatus.delivered === 1 && o.deliveries?.pull === 1,
    );
    expect(overview.prefecture).toBe('41');
    expect(overview.submissions.total).toBe(1);
    // No webhook is configured: the receiver finds the delivery in its inbox.
    expect(overview.deliveries).toEqual({ pull: 1, webhook: 0 });
    expect(overview.webhookDeadLetters).toBe(0);
    expect(overview.kafkaDlq).toBeNull();
    expect(overview.last24h.reduce((n, h) => n + h.submitted, 0)).toBe(1);
    expect(overview.last24h.reduce((n, h) => n + h.delivered, 0)).toBe(1);
  });

  it('shows every service up with its metrics, read at the addresses the system was started with', async () => {
    const { status, body } = await ops<Overview>(admin, 'GET', '/ops/v1/overview');
    expect(status).toBe(200);
    expect(body.services.map((s) => [s.service, s.status])).toEqual([
      ['gateway', 'up'],
      ['validator', 'up'],
      ['router', 'up'],
      ['archive', 'up'],
    ]);
    for (const s of body.services) expect(s.metrics?.residentMemoryBytes).toBeGreaterThan(0);
    expect(body.kafkaDlq).toEqual({ messages: expect.any(Number), notReplayed: expect.any(Number) });
    expect(body.consumerLag).toEqual(expect.any(Number));
    expect(body.submissions.total).toBeGreaterThanOrEqual(1);
  });
});
