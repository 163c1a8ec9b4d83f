import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { eventually, gatewayUrl, Office, samplePdf, seedOffice, submit, Upload } from './support/api';
import { call, planFor } from './support/vendor';

interface Entry {
  id: string;
  submissionId: string;
  from: string;
  sequence: number;
  deliveredAt: string;
  downloadedAt: string | null;
  acknowledgedAt: string | null;
  files: { id: string; name: string; kind: string }[];
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Submission {
  id: string;
  status: string;
  sequence: number;
  timeline: Record<string, string | null>;
}

const MEMO = '利用者様　欠席連絡（５月１日）\r\n';

describe('the inbox: filters, records, ZIP, receipts', () => {
  let sender: Office;
  let other: Office;
  let receiver: Office;
  let files: Upload[];
  let first: Entry;
  let second: Entry;

  const inbox = (query = '') => call<Page<Entry>>(receiver.apiKey, 'GET', `/v1/inbox${query}`);
  const ids = (page: { body: Page<Entry> }) => page.body.items.map((i) => i.id);

  beforeAll(async () => {
    sender = seedOffice(withOfficeCheckDigit('137129201'), '受信テスト居宅');
    other = seedOffice(withOfficeCheckDigit('137129202'), '受信テスト居宅2');
    receiver = seedOffice(withOfficeCheckDigit('137159201'), '受信テスト訪問介護');
    files = [
      ...planFor(sender.officeNumber, receiver.officeNumber),
      { name: 'モニタリングシート（５月）.pdf', bytes: samplePdf() },
      { name: '欠席連絡.txt', bytes: Buffer.from(MEMO, 'utf8') },
    ];
    const ids: string[] = [];
    for (const [office, bundle] of [
      [sender, files],
      [other, planFor(other.officeNumber, receiver.officeNumber)],
    ] as const) {
      const res = await submit(office, receiver.officeNumber, bundle);
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as Submission).id);
    }
    const page = await eventually(inbox, (p) =>
      ids.every((id) => p.body.items.some((i) => i.submissionId === id)),
    );
    [first, second] = ids.map((id) => page.body.items.find((i) => i.submissionId === id)!);
  });

  it('shows each delivery with its sender, its sequence and its files in bundle order', () => {
    expect(first.from).toBe(sender.officeNumber);
    expect(first.sequence).toBe(1);
    expect(first.files.map((f) => f.name)).toEqual(files.map((f) => f.name));
    expect(second.from).toBe(other.officeNumber);
  });

  it('filters by sender, by time and by state, and pages with a cursor', async () => {
    expect(ids(await inbox(`?from=${sender.officeNumber}`))).toEqual([first.id]);
    expect(ids(await inbox(`?from=${other.officeNumber}`))).toEqual([second.id]);
    const earliest = [first.deliveredAt, second.deliveredAt].sort()[0];
    const latest = [first.deliveredAt, second.deliveredAt].sort()[1];
    expect(ids(await inbox(`?since=${encodeURIComponent(latest)}`))).toContain(
      latest === first.deliveredAt ? first.id : second.id,
    );
    expect(ids(await inbox(`?since=${encodeURIComponent(earliest)}&status=new`)).sort()).toEqual(
      [first.id, second.id].sort(),
    );
    expect(ids(await inbox('?since=2999-01-01T00:00:00Z'))).toEqual([]);
    // A date alone is that day from 00:00 Japan time.
    const jstDay = new Date(new Date(earliest).getTime() + 9 * 3600_000).toISOString().slice(0, 10);
    expect(ids(await inbox(`?since=${jstDay}&status=new`)).sort()).toEqual([first.id, second.id].sort());
    expect(ids(await inbox('?since=2999-01-01'))).toEqual([]);

    const one = await inbox('?limit=1');
    expect(one.body.items).toHaveLength(1);
    expect(one.body.nextCursor).toBeTruthy();
    const two = await inbox(`?limit=1&cursor=${one.body.nextCursor}`);
    expect(two.body.items).toHaveLength(1);
    expect(two.body.items[0].id).not.toBe(one.body.items[0].id);
    expect(two.body.nextCursor).toBeNull();
  });

  it('refuses malformed filters with a problem', async () => {
    for (const q of ['?since=yesterday', '?status=read', '?from=123', '?limit=0', '?colour=red']) {
      const res = await inbox(q);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
    }
    // A timestamp without its zone would be read in the server's time zone: refused, naming the parameter.
    const zoneless = await inbox('?since=2026-11-01T10:00:00');
    expect(zoneless.status).toBe(400);
    expect(JSON.stringify(zoneless.body)).toContain('since must be a date');
    const cursor = await inbox('?cursor=bm9wZQ');
    expect(cursor.status).toBe(400);
    expect(cursor.body).toMatchObject({ code: 'CURSOR_INVALID' });
  });

  it('renders a standard CSV file as records and refuses to render an attachment', async () => {
    const csv = first.files.find((f) => f.name.startsWith('UPPLAN'))!;
    const res = await call<{
      fileType: string;
      csvVersion: string;
      records: Record<string, string | null>[];
    }>(receiver.apiKey, 'GET', `/v1/inbox/${first.id}/files/${csv.id}/records`);
    expect(res.status).toBe(200);
    expect(res.body.fileType).toBe('UPPLAN');
    expect(res.body.csvVersion).toMatch(/^\d+$/);
    expect(res.body.records.length).toBeGreaterThan(0);

    const pdf = first.files.find((f) => f.kind === 'attachment')!;
    const refused = await call(receiver.apiKey, 'GET', `/v1/inbox/${first.id}/files/${pdf.id}/records`);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'FILE_NOT_STANDARD_CSV' });
  });

  it('downloads the whole bundle as a ZIP whose Japanese names and bytes survive', async () => {
    const res = await fetch(gatewayUrl(`/v1/inbox/${first.id}/zip`), {
      headers: { 'x-api-key': receiver.apiKey },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('x-content-sha256')).toBe(createHash('sha256').update(zip).digest('hex'));
    const entries = unzipSync(zip);
    expect(Object.keys(entries)).toEqual(files.map((f) => f.name));
    for (const f of files) expect(Buffer.from(entries[f.name]).equals(Buffer.from(f.bytes))).toBe(true);
    // Every entry with a Japanese name carries the UTF-8 flag (bit 11) in its central directory record.
    let flagged = 0;
    for (
      let i = zip.indexOf(Buffer.from('PK\x01\x02', 'latin1'));
      i >= 0;
      i = zip.indexOf('PK\x01\x02', i + 4, 'latin1')
    ) {
      const nameLength = zip.readUInt16LE(i + 28);
      const name = zip.subarray(i + 46, i + 46 + nameLength).toString('utf8');
      if (/[^\x20-\x7e]/.test(name)) {
        expect(zip.readUInt16LE(i + 8) & 0x800).toBe(0x800);
        flagged++;
      }
    }
    expect(flagged).toBe(2);
  });

  it('moves through downloaded and acknowledged, seen by the state filter and by the sender', async () => {
    const downloaded = await inbox('?status=downloaded');
    expect(ids(downloaded)).toEqual([first.id]);
    const ack = await call<Entry>(receiver.apiKey, 'POST', `/v1/inbox/${first.id}/ack`);
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedAt).not.toBeNull();
    expect(ids(await inbox('?status=acknowledged'))).toEqual([first.id]);
    expect(ids(await inbox('?status=new'))).toEqual([second.id]);

    const seen = await eventually(
      () => call<Submission>(sender.apiKey, 'GET', `/v1/submissions/${first.submissionId}`),
      (s) => s.body.status === 'acknowledged',
    );
    const t = seen.body.timeline;
    for (const step of ['acceptedAt', 'validatedAt', 'deliveredAt', 'downloadedAt', 'acknowledgedAt'])
      expect(t[step]).not.toBeNull();
    expect(t.rejectedAt).toBeNull();
    const order = ['acceptedAt', 'validatedAt', 'deliveredAt', 'downloadedAt', 'acknowledgedAt'].map((k) =>
      Date.parse(t[k]!),
    );
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it("lists the sender's own submissions with filters", async () => {
    const list = (q: string) => call<Page<Submission>>(sender.apiKey, 'GET', `/v1/submissions${q}`);
    expect((await list(`?to=${receiver.officeNumber}`)).body.items.map((s) => s.id)).toEqual([
      first.submissionId,
    ]);
    expect((await list('?status=acknowledged')).body.items.map((s) => s.id)).toEqual([first.submissionId]);
    expect((await list('?status=rejected')).body.items).toEqual([]);
    expect((await list('?since=2999-01-01T00:00:00Z')).body.items).toEqual([]);
    expect((await list('?since=2999-01-01')).body.items).toEqual([]);
    const zoneless = await list('?since=2026-11-01T10:00');
    expect(zoneless.status).toBe(400);
    expect(JSON.stringify(zoneless.body)).toContain('since must be a date');
    expect((await list('?to=12')).status).toBe(400);
  });

  it('documents every query parameter in OpenAPI', async () => {
    const doc = (await (await fetch(gatewayUrl('/openapi.json'))).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const params = (path: string, method = 'get') =>
      (doc.paths[path]?.[method]?.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort();
    expect(params('/v1/inbox')).toEqual(['cursor', 'from', 'limit', 'since', 'status']);
    expect(params('/v1/submissions')).toEqual(['cursor', 'limit', 'since', 'status', 'to']);
    for (const path of [
      '/v1/inbox/{id}/zip',
      '/v1/inbox/{id}/files/{fileId}/records',
      '/v1/keys',
      '/v1/keys/{id}',
    ])
      expect(doc.paths[path]).toBeDefined();
  });
});
