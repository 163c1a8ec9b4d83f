import { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { fixtureJpeg, withOfficeCheckDigit } from '@careplan/spec/testing';
import { eventually, gatewayUrl, Office, samplePdf, seedOffice, submit, Upload } from './support/api';
import { readState } from './support/state';
import { freePort, serviceEnv, startService, waitUntilReady } from './support/system';
import { createAdmin, ops } from './support/ops';
import { call, planFor, sql } from './support/vendor';

interface Submission {
  id: string;
  status: string;
  sequence: number;
  timeline: { acceptedAt: string };
  files: { name: string; contentType: string }[];
}
interface Problem {
  code: string;
  message: { ja: string; en: string };
  file?: string;
}
interface Entry {
  submissionId: string;
  sequence: number;
  deliveredAt: string;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** A text attachment of `size` bytes, unique so that its blob can be looked for. */
const unique = new Set<Upload>();
const text = (name: string, size = 32): Upload => {
  const bytes = Buffer.concat([
    Buffer.from(randomBytes(8).toString('hex')),
    Buffer.alloc(Math.max(0, size - 16), 'a'),
  ]);
  const upload = { name, bytes };
  unique.add(upload);
  return upload;
};
/** A Windows executable (MZ header, NUL padding) under the given name. */
const exe = (name: string): Upload => {
  const upload = {
    name,
    bytes: Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), randomBytes(8), Buffer.alloc(64)]),
  };
  unique.add(upload);
  return upload;
};

async function expectProblem(res: Response, status: number, code: string): Promise<Problem> {
  const body = (await res.json()) as Problem;
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(body.message.ja).toBeTruthy();
  expect(body.message.en).toBeTruthy();
  return body;
}

const storedCount = async (sender: string) =>
  Number(
    (
      await sql<{ n: string }>(
        `SELECT count(*) AS n FROM gateway.submissions WHERE sender_office_number = $1`,
        [sender],
      )
    )[0].n,
  );
const blobExists = async (bytes: Uint8Array) =>
  (await sql(`SELECT 1 FROM storage.blobs WHERE sha256 = $1`, [sha256(bytes)])).length > 0;

describe('submissions at the door', () => {
  let sender: Office;
  let receiver: Office;
  let orderReceiver: Office;

  beforeAll(() => {
    sender = seedOffice(withOfficeCheckDigit('137129101'), '送信テスト居宅');
    receiver = seedOffice(withOfficeCheckDigit('137159101'), '送信テスト訪問介護');
    orderReceiver = seedOffice(withOfficeCheckDigit('137159102'), '順序テスト通所介護');
  });

  const plan = () => planFor(sender.officeNumber, receiver.officeNumber);

  describe('Idempotency-Key', () => {
    it('replays the original for the same key and content, with 200 and Idempotent-Replayed', async () => {
      const key = `retry-${randomBytes(6).toString('hex')}`;
      const files = [...plan(), text('memo.txt')];
      const first = await submit(sender, receiver.officeNumber, files, { 'idempotency-key': key });
      expect(first.status).toBe(202);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const original = (await first.json()) as Submission;
      const before = await storedCount(sender.officeNumber);

      const again = await submit(sender, receiver.officeNumber, files, { 'idempotency-key': key });
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(((await again.json()) as Submission).id).toBe(original.id);
      expect(await storedCount(sender.officeNumber)).toBe(before);
    });

    it('refuses the same key with other content (409) and with another receiver', async () => {
      const key = `reuse-${randomBytes(6).toString('hex')}`;
      expect((await submit(sender, receiver.officeNumber, plan(), { 'idempotency-key': key })).status).toBe(
        202,
      );
      const before = await storedCount(sender.officeNumber);
      const other = await submit(sender, receiver.officeNumber, [...plan(), text('追加メモ.txt')], {
        'idempotency-key': key,
      });
      const body = await expectProblem(other, 409, 'IDEMPOTENCY_KEY_REUSED');
      expect(body).toMatchObject({ idempotencyKey: key });
      const elsewhere = planFor(sender.officeNumber, orderReceiver.officeNumber);
      await expectProblem(
        await submit(sender, orderReceiver.officeNumber, elsewhere, { 'idempotency-key': key }),
        409,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expect(await storedCount(sender.officeNumber)).toBe(before);
    });

    it('answers concurrent retries with one submission: one 202, the others replays of it', async () => {
      const key = `race-${randomBytes(6).toString('hex')}`;
      const files = [...plan(), text('同時送信.txt')];
      const before = await storedCount(sender.officeNumber);
      const responses = await Promise.all(
        Array.from({ length: 6 }, () =>
          submit(sender, receiver.officeNumber, files, { 'idempotency-key': key }),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 202]);
      const bodies = (await Promise.all(responses.map((r) => r.json()))) as Submission[];
      expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
      expect(await storedCount(sender.officeNumber)).toBe(before + 1);
    });

    it('keeps keys per office, and a refused request does not use the key up', async () => {
      const key = `shared-${randomBytes(6).toString('hex')}`;
      const otherSender = seedOffice(withOfficeCheckDigit('137129102'), '送信テスト居宅2');
      expect((await submit(sender, receiver.officeNumber, plan(), { 'idempotency-key': key })).status).toBe(
        202,
      );
      const theirs = planFor(otherSender.officeNumber, receiver.officeNumber);
      expect(
        (await submit(otherSender, receiver.officeNumber, theirs, { 'idempotency-key': key })).status,
      ).toBe(202);

      const fresh = `refused-${randomBytes(6).toString('hex')}`;
      const bad = await submit(sender, receiver.officeNumber, [text('tool.exe')], {
        'idempotency-key': fresh,
      });
      await expectProblem(bad, 422, 'ATTACHMENT_TYPE_NOT_ALLOWED');
      expect((await submit(sender, receiver.officeNumber, plan(), { 'idempotency-key': fresh })).status).toBe(
        202,
      );
    });

    it('refuses a malformed key', async () => {
      for (const key of ['has space', 'x'.repeat(256), 'caf\u00e9'])
        await expectProblem(
          await submit(sender, receiver.officeNumber, plan(), { 'idempotency-key': key }),
          422,
          'IDEMPOTENCY_KEY_INVALID',
        );
    });
  });

  describe('order', () => {
    it('delivers five bundles sent at once from one sender to one receiver in acceptance order', async () => {
      const responses = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          submit(sender, orderReceiver.officeNumber, [
            ...planFor(sender.officeNumber, orderReceiver.officeNumber, `2025042510300${i}`),
          ]),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
      const accepted = ((await Promise.all(responses.map((r) => r.json()))) as Submission[]).sort(
        (a, b) => a.sequence - b.sequence,
      );
      const base = accepted[0].sequence;
      expect(accepted.map((s) => s.sequence)).toEqual([0, 1, 2, 3, 4].map((i) => base + i));
      const acceptedAt = accepted.map((s) => Date.parse(s.timeline.acceptedAt));
      expect([...acceptedAt].sort((a, b) => a - b)).toEqual(acceptedAt);

      const inbox = await eventually(
        () =>
          call<{ items: Entry[] }>(
            orderReceiver.apiKey,
            'GET',
            `/v1/inbox?from=${sender.officeNumber}&limit=200`,
          ),
        (r) => accepted.every((s) => r.body.items.some((i) => i.submissionId === s.id)),
      );
      const entries = accepted.map((s) => inbox.body.items.find((i) => i.submissionId === s.id)!);
      expect(entries.map((e) => e.sequence)).toEqual(accepted.map((s) => s.sequence));
      const deliveredAt = entries.map((e) => Date.parse(e.deliveredAt));
      expect([...deliveredAt].sort((a, b) => a - b)).toEqual(deliveredAt);
    });
  });

  describe('attachments and names', () => {
    it('accepts PDF, JPEG/JPG, GIF, PNG and TXT beside the CSV files, names stripped of paths and control characters', async () => {
      const res = await submit(sender, receiver.officeNumber, [
        ...plan(),
        { name: '../../etc/モニタリング.pdf', bytes: samplePdf() },
        { name: 'C:\\Users\\care\\写真.JPG', bytes: fixtureJpeg() },
        { name: 'photo.jpeg', bytes: fixtureJpeg() },
        { name: 'map.gif', bytes: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1') },
        { name: 'scan.png', bytes: PNG },
        { name: 'memo\u0007.txt', bytes: Buffer.from('欠席連絡', 'utf8') },
      ]);
      expect(res.status).toBe(202);
      const body = (await res.json()) as Submission;
      expect(body.files.slice(3).map((f) => [f.name, f.contentType])).toEqual([
        ['モニタリング.pdf', 'application/pdf'],
        ['写真.JPG', 'image/jpeg'],
        ['photo.jpeg', 'image/jpeg'],
        ['map.gif', 'image/gif'],
        ['scan.png', 'image/png'],
        ['memo.txt', 'text/plain'],
      ]);
    });

    it('refuses every other type, content that lies about its type, and bad names, storing nothing', async () => {
      const before = await storedCount(sender.officeNumber);
      const cases: [Upload[], string][] = [
        [[...plan(), text('setup.exe')], 'ATTACHMENT_TYPE_NOT_ALLOWED'],
        [[...plan(), text('report.docx')], 'ATTACHMENT_TYPE_NOT_ALLOWED'],
        [[...plan(), text('noextension')], 'ATTACHMENT_TYPE_NOT_ALLOWED'],
        [[...plan(), text('invoice.pdf')], 'ATTACHMENT_CONTENT_MISMATCH'],
        [[...plan(), exe('setup.exe.csv')], 'CSV_CONTENT_NOT_TEXT'],
        [[...plan(), exe('invoice.csv')], 'CSV_CONTENT_NOT_TEXT'],
        [[...plan(), { name: 'photo.png', bytes: fixtureJpeg() }], 'ATTACHMENT_CONTENT_MISMATCH'],
        [[...plan(), { name: 'photo.jpg', bytes: PNG }], 'ATTACHMENT_CONTENT_MISMATCH'],
        [
          [...plan(), { name: 'memo.txt', bytes: Buffer.from([0x41, 0x00, 0x42]) }],
          'ATTACHMENT_CONTENT_MISMATCH',
        ],
        [[...plan(), text('a/memo.txt'), text('b/memo.txt')], 'FILE_NAME_DUPLICATE'],
        [[...plan(), text('case.txt'), text('CASE.TXT')], 'FILE_NAME_CASE_DUPLICATE'],
        [[...plan(), text('invoice\u202etxt.exe')], 'FILE_NAME_CHARACTER_NOT_ALLOWED'],
        [[...plan(), text('メモ\u200b.txt')], 'FILE_NAME_CHARACTER_NOT_ALLOWED'],
        [[...plan(), text('a\u2028b.txt')], 'FILE_NAME_CHARACTER_NOT_ALLOWED'],
        [[...plan(), text('CON.txt')], 'FILE_NAME_RESERVED'],
        [[...plan(), text('lpt1.pdf')], 'FILE_NAME_RESERVED'],
        [[...plan(), text('..')], 'FILE_NAME_INVALID'],
        [planFor(receiver.officeNumber, sender.officeNumber), 'FILE_NAME_SENDER_MISMATCH'],
        [planFor(sender.officeNumber, orderReceiver.officeNumber), 'FILE_NAME_RECEIVER_MISMATCH'],
        [[], 'FILES_MISSING'],
      ];
      for (const [files, code] of cases) {
        const res = await submit(sender, receiver.officeNumber, files);
        await expectProblem(res, 422, code);
        for (const f of files.filter((x) => unique.has(x))) expect(await blobExists(f.bytes)).toBe(false);
      }
      expect(await storedCount(sender.officeNumber)).toBe(before);
    });

    it('refuses what is not a proper form', async () => {
      const json = await fetch(gatewayUrl('/v1/submissions'), {
        method: 'POST',
        headers: { 'x-api-key': sender.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ to: receiver.officeNumber }),
      });
      // JSON is the other form of a bundle (json-submissions.e2e-spec.ts): without documents it is a bad one.
      await expectProblem(json, 400, 'BAD_REQUEST');
      const plain = await fetch(gatewayUrl('/v1/submissions'), {
        method: 'POST',
        headers: { 'x-api-key': sender.apiKey, 'content-type': 'text/plain' },
        body: `to=${receiver.officeNumber}`,
      });
      await expectProblem(plain, 415, 'MULTIPART_REQUIRED');
      const form = new FormData();
      form.append('to', receiver.officeNumber);
      form.append('comment', 'hello');
      form.append('files', new Blob([samplePdf()]), 'a.pdf');
      const extra = await fetch(gatewayUrl('/v1/submissions'), {
        method: 'POST',
        headers: { 'x-api-key': sender.apiKey },
        body: form,
      });
      await expectProblem(extra, 422, 'FIELD_UNKNOWN');
    });
  });

  describe('parties', () => {
    it('refuses a missing, malformed, unknown, unlicensed or own receiver with a reason the user can read', async () => {
      const unknown = withOfficeCheckDigit('137159199');
      const unlicensed = seedOffice(withOfficeCheckDigit('137159103'), 'ライセンス切れ訪問介護');
      // Licenses are the registry's (archive): suspend through the operations API, as a federation would,
      // and wait for the gateway to learn it from the event.
      const admin = createAdmin('submissions-e2e');
      const suspended = await ops(
        admin,
        'POST',
        `/ops/v1/offices/${unlicensed.officeNumber}/license/suspend`,
      );
      expect(suspended.status).toBe(200);
      await eventually(
        () =>
          sql<{ license_active: boolean }>(
            `SELECT license_active FROM gateway.offices WHERE office_number = $1`,
            [unlicensed.officeNumber],
          ),
        (rows) => rows[0]?.license_active === false,
      );
      const before = await storedCount(sender.officeNumber);
      const noTo = new FormData();
      noTo.append('files', new Blob([samplePdf()]), 'a.pdf');
      const missing = await fetch(gatewayUrl('/v1/submissions'), {
        method: 'POST',
        headers: { 'x-api-key': sender.apiKey },
        body: noTo,
      });
      await expectProblem(missing, 422, 'RECEIVER_MISSING');
      await expectProblem(await submit(sender, '12345', [text('a.txt')]), 422, 'RECEIVER_INVALID');
      const u = await expectProblem(
        await submit(sender, unknown, planFor(sender.officeNumber, unknown)),
        422,
        'RECEIVER_UNKNOWN',
      );
      expect(u.message.ja).toContain(unknown);
      await expectProblem(
        await submit(sender, unlicensed.officeNumber, planFor(sender.officeNumber, unlicensed.officeNumber)),
        422,
        'RECEIVER_UNLICENSED',
      );
      await expectProblem(
        await submit(sender, sender.officeNumber, [text('a.txt')]),
        422,
        'RECEIVER_IS_SENDER',
      );
      expect(await storedCount(sender.officeNumber)).toBe(before);

      // An unlicensed office cannot send either.
      const res = await submit(
        unlicensed,
        receiver.officeNumber,
        planFor(unlicensed.officeNumber, receiver.officeNumber),
      );
      await expectProblem(res, 403, 'SENDER_UNLICENSED');
      expect(await storedCount(unlicensed.officeNumber)).toBe(0);
    });
  });

  it('accepts a file over 1 MiB under the default limits', async () => {
    const big = Buffer.concat([Buffer.from(samplePdf()), randomBytes(2 * 1024 * 1024)]);
    const res = await submit(sender, receiver.officeNumber, [
      ...plan(),
      { name: '大きな計画書.pdf', bytes: big },
    ]);
    expect(res.status).toBe(202);
    expect(await blobExists(big)).toBe(true);
  });
});

/** A gateway of this run with small limits: same database and topics, its own port and consumer group. */
describe('upload limits through the real HTTP stack', () => {
  const MAX_FILE = 64 * 1024;
  const MAX_BUNDLE = 100_000;
  let child: ChildProcess;
  let base: string;
  let sender: Office;
  let receiver: Office;

  beforeAll(async () => {
    sender = seedOffice(withOfficeCheckDigit('137129103'), '上限テスト居宅');
    receiver = seedOffice(withOfficeCheckDigit('137159104'), '上限テスト訪問介護');
    const [port, internalPort] = await Promise.all([freePort(), freePort()]);
    base = `http://127.0.0.1:${port}`;
    const state = readState();
    child = startService(
      'gateway',
      {
        ...serviceEnv(state),
        PORT: String(port),
        INTERNAL_PORT: String(internalPort),
        ARCHIVE_URL: state.internalUrls.archive,
        KAFKA_GROUP_PREFIX: `${state.groupPrefix}.limits`,
        MAX_FILES: '3',
        MAX_FILE_BYTES: String(MAX_FILE),
        MAX_BUNDLE_BYTES: String(MAX_BUNDLE),
      },
      'gateway-limits',
    );
    await waitUntilReady(base, child);
  });

  afterAll(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  const send = (files: Upload[], fields: [string, string][] = []) => {
    const form = new FormData();
    form.append('to', receiver.officeNumber);
    for (const [k, v] of fields) form.append(k, v);
    for (const f of files) form.append('files', new Blob([Buffer.from(f.bytes)]), f.name);
    return fetch(`${base}/v1/submissions`, {
      method: 'POST',
      headers: { 'x-api-key': sender.apiKey },
      body: form,
    });
  };

  it('takes a file of exactly the largest size', async () => {
    const res = await send([text('ちょうど.txt', MAX_FILE)]);
    expect(res.status).toBe(202);
  });

  it('answers each limit with its code and stores nothing', async () => {
    const before = await storedCount(sender.officeNumber);
    const four = [1, 2, 3, 4].map((i) => text(`memo${i}.txt`));
    expect(await expectProblem(await send(four), 413, 'TOO_MANY_FILES')).toMatchObject({ limit: 3 });

    const over = text('大きすぎ.txt', MAX_FILE + 1);
    const tooBig = await expectProblem(await send([over]), 413, 'FILE_TOO_LARGE');
    expect(tooBig).toMatchObject({ file: '大きすぎ.txt', limit: MAX_FILE });

    // A body far over the limit is cut short by the server: the answer must still be the problem.
    const huge = text('huge.txt', 8 * 1024 * 1024);
    await expectProblem(await send([huge]), 413, 'FILE_TOO_LARGE');

    const halves = [text('half1.txt', 60_000), text('half2.txt', 60_000)];
    expect(await expectProblem(await send(halves), 413, 'BUNDLE_TOO_LARGE')).toMatchObject({
      limit: MAX_BUNDLE,
    });

    // Far over the count (the parser's own limit is reached too) still answers TOO_MANY_FILES.
    const six = [1, 2, 3, 4, 5, 6].map((i) => text(`note${i}.txt`, 20_000));
    await expectProblem(await send(six), 413, 'TOO_MANY_FILES');

    await expectProblem(await send([text('x.txt')], [['to', receiver.officeNumber]]), 422, 'FIELD_DUPLICATE');
    const junk = Array.from({ length: 25 }, (_, i): [string, string] => [`f${i}`, 'x']);
    await expectProblem(await send([text('y.txt')], junk), 422, 'FIELD_UNKNOWN');

    expect(await storedCount(sender.officeNumber)).toBe(before);
    for (const f of [...four, over, huge, ...halves, ...six]) expect(await blobExists(f.bytes)).toBe(false);
  });
});
