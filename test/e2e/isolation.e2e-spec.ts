import { randomUUID } from 'node:crypto';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { eventually, Office, samplePdf, seedOffice, submit } from './support/api';
import { call, planFor } from './support/vendor';

interface Submission {
  id: string;
  status: string;
  files: { id: string; name: string }[];
}
interface Entry {
  id: string;
  submissionId: string;
  acknowledgedAt: string | null;
  downloadedAt: string | null;
  files: { id: string; name: string }[];
}

/** Office A sends to R; office B (licensed, with a valid key) must learn nothing about either. */
describe('isolation between offices', () => {
  let a: Office;
  let r: Office;
  let b: Office;
  let submission: Submission;
  let delivery: Entry;

  beforeAll(async () => {
    a = seedOffice(withOfficeCheckDigit('137129301'), '分離テスト居宅A');
    r = seedOffice(withOfficeCheckDigit('137159301'), '分離テスト訪問介護R');
    b = seedOffice(withOfficeCheckDigit('137129302'), '分離テスト居宅B');
    const res = await submit(a, r.officeNumber, [
      ...planFor(a.officeNumber, r.officeNumber),
      { name: '秘密のモニタリング.pdf', bytes: samplePdf() },
    ]);
    expect(res.status).toBe(202);
    submission = (await res.json()) as Submission;
    const inbox = await eventually(
      () => call<{ items: Entry[] }>(r.apiKey, 'GET', '/v1/inbox'),
      (x) => x.body.items.some((i) => i.submissionId === submission.id),
    );
    delivery = inbox.body.items.find((i) => i.submissionId === submission.id)!;
  });

  /** What a 404 body reveals beyond the path B asked for itself (`instance`). */
  const leaks = (body: Record<string, unknown>) => {
    const text = JSON.stringify({ ...body, instance: undefined });
    return [a.officeNumber, r.officeNumber, '秘密のモニタリング', submission.id].filter((s) =>
      text.includes(s),
    );
  };

  it("B can neither read nor list A's submissions", async () => {
    const one = await call(b.apiKey, 'GET', `/v1/submissions/${submission.id}`);
    expect(one.status).toBe(404);
    expect(one.body.code).toBe('SUBMISSION_NOT_FOUND');
    expect(leaks(one.body)).toEqual([]);
    const list = await call<{ items: Submission[] }>(b.apiKey, 'GET', `/v1/submissions?to=${r.officeNumber}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });

  it("B can neither list, read, download, render, zip nor acknowledge R's delivery, by real or guessed ids", async () => {
    const list = await call<{ items: Entry[] }>(b.apiKey, 'GET', `/v1/inbox?from=${a.officeNumber}`);
    expect(list.body.items).toEqual([]);
    const all = await call<{ items: Entry[] }>(b.apiKey, 'GET', '/v1/inbox');
    expect(all.body.items.map((i) => i.id)).not.toContain(delivery.id);

    const file = delivery.files[0].id;
    for (const id of [delivery.id, randomUUID()]) {
      for (const [method, path] of [
        ['GET', `/v1/inbox/${id}`],
        ['GET', `/v1/inbox/${id}/files/${file}`],
        ['GET', `/v1/inbox/${id}/files/${file}/records`],
        ['GET', `/v1/inbox/${id}/zip`],
        ['POST', `/v1/inbox/${id}/ack`],
      ]) {
        const res = await call(b.apiKey, method, path);
        expect({ path, status: res.status, code: res.body.code }).toEqual({
          path,
          status: 404,
          code: 'DELIVERY_NOT_FOUND',
        });
        expect(leaks(res.body)).toEqual([]);
      }
    }
    // Nothing B did counts as a download or an acknowledgement.
    const mine = await call<Entry>(r.apiKey, 'GET', `/v1/inbox/${delivery.id}`);
    expect(mine.body).toMatchObject({ downloadedAt: null, acknowledgedAt: null });
  });

  it('the sender cannot act as the receiver of its own delivery, nor the receiver as its sender', async () => {
    expect((await call(a.apiKey, 'GET', `/v1/inbox/${delivery.id}`)).status).toBe(404);
    expect((await call(a.apiKey, 'POST', `/v1/inbox/${delivery.id}/ack`)).status).toBe(404);
    expect((await call(r.apiKey, 'GET', `/v1/submissions/${submission.id}`)).status).toBe(404);
  });

  it("a file id of another delivery is not reachable through one's own delivery id", async () => {
    // R's own delivery from B, and A's file id: the pair must match, not just the delivery.
    const res = await submit(b, r.officeNumber, planFor(b.officeNumber, r.officeNumber));
    const own = (await res.json()) as Submission;
    const inbox = await eventually(
      () => call<{ items: Entry[] }>(r.apiKey, 'GET', `/v1/inbox?from=${b.officeNumber}`),
      (x) => x.body.items.some((i) => i.submissionId === own.id),
    );
    const ownDelivery = inbox.body.items.find((i) => i.submissionId === own.id)!;
    const cross = await call(r.apiKey, 'GET', `/v1/inbox/${ownDelivery.id}/files/${delivery.files[0].id}`);
    expect(cross.status).toBe(404);
    expect(cross.body.code).toBe('FILE_NOT_FOUND');
  });

  it('refuses ids that are not UUIDs before looking anything up', async () => {
    expect((await call(b.apiKey, 'GET', '/v1/inbox/1')).status).toBe(400);
    expect((await call(b.apiKey, 'GET', "/v1/submissions/' OR 1=1 --")).status).toBe(400);
  });
});
