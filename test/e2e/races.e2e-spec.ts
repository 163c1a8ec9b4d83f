import { Client } from 'pg';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { eventually, getJson, Office, seedOffice, submit } from './support/api';
import { createAdmin, ops } from './support/ops';
import { pipelineSettledFor } from './support/settled';
import { readState } from './support/state';
import { call, planFor } from './support/vendor';

// Prefecture 42 (長崎) belongs to this file: other e2e files use other prefectures.
const SENDER = withOfficeCheckDigit('421200001');
const RECEIVER = withOfficeCheckDigit('421500001');

interface Entry {
  id: string;
  submissionId: string;
  files: { id: string }[];
}
interface HistoryRow {
  event: string;
  submissionId: string;
}

/** Concurrent requests for one step do it once: one receipt, one revocation, one license. */
describe('races', () => {
  let sender: Office;
  let receiver: Office;
  let db: Client;

  beforeAll(async () => {
    sender = seedOffice(SENDER, '長崎居宅');
    receiver = seedOffice(RECEIVER, '長崎訪問介護');
    db = new Client({ connectionString: readState().databaseUrl });
    await db.connect();
  });

  afterAll(() => db.end());

  it('records one download and one acknowledgement however many requests race', async () => {
    const res = await submit(sender, RECEIVER, planFor(SENDER, RECEIVER));
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const inbox = await eventually(
      () => call<{ items: Entry[] }>(receiver.apiKey, 'GET', '/v1/inbox'),
      (x) => x.body.items.some((i) => i.submissionId === id),
    );
    const entry = inbox.body.items.find((i) => i.submissionId === id)!;
    const files = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(receiver.apiKey, 'GET', `/v1/inbox/${entry.id}/files/${entry.files[0].id}/records`),
      ),
    );
    expect(files.map((f) => f.status)).toEqual([200, 200, 200, 200, 200]);
    const acks = await Promise.all(
      Array.from({ length: 5 }, () => call(receiver.apiKey, 'POST', `/v1/inbox/${entry.id}/ack`)),
    );
    expect(acks.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);

    const steps = await eventually(
      () =>
        getJson<{ items: HistoryRow[] }>(sender, '/v1/history?limit=200').then((r) =>
          r.body.items.filter((h) => h.submissionId === id).map((h) => h.event),
        ),
      (events) => events.includes('acknowledged') && events.includes('downloaded'),
    );
    // A doubled event would still be in the gateway's outbox or on the topics: wait until neither holds
    // anything the archive has not recorded, then count.
    await pipelineSettledFor(
      db,
      [id],
      [
        {
          consumer: 'archive',
          topics: ['careplan.delivery.downloaded.v1', 'careplan.delivery.acknowledged.v1'],
        },
      ],
    );
    const final = (await getJson<{ items: HistoryRow[] }>(sender, '/v1/history?limit=200')).body.items
      .filter((h) => h.submissionId === id)
      .map((h) => h.event);
    expect(steps.length).toBeGreaterThan(0);
    expect(final.filter((e) => e === 'downloaded')).toHaveLength(1);
    expect(final.filter((e) => e === 'acknowledged')).toHaveLength(1);
  });

  it('revokes a key once when revocations race', async () => {
    const created = await call<{ id: string; key: string }>(sender.apiKey, 'POST', '/v1/keys', {
      label: 'PC-2',
    });
    const revoked = await Promise.all(
      Array.from({ length: 5 }, () =>
        call<{ revokedAt: string }>(sender.apiKey, 'DELETE', `/v1/keys/${created.body.id}`),
      ),
    );
    expect(revoked.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(revoked.map((r) => r.body.revokedAt)).size).toBe(1);
    expect((await call(created.body.key, 'GET', '/v1/keys')).status).toBe(401);
  });

  it('creates one license when applications race; the others answer LICENSE_EXISTS', async () => {
    const admin = createAdmin('長崎 レビュー');
    const office = withOfficeCheckDigit('421200002');
    expect(
      (await ops(admin, 'POST', '/ops/v1/offices', { officeNumber: office, name: 'x', kind: 'y' })).status,
    ).toBe(201);
    const applied = await Promise.all(
      Array.from({ length: 4 }, () =>
        ops<{ code?: string }>(admin, 'POST', `/ops/v1/offices/${office}/license`, {
          startDate: '2026-06-01',
          applicationDate: '2026-06-01',
        }),
      ),
    );
    expect(applied.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    const license = await ops<{ terms: unknown[] }>(admin, 'GET', `/ops/v1/offices/${office}/license`);
    expect(license.body.terms).toHaveLength(1);
  });
});
