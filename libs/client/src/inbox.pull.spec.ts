import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGatewayClient, type Schemas } from './gateway.client';
import { pullInbox } from './inbox.pull';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** An inbox answered by a fetch function: the helper's HTTP, without a gateway. */
function fakeGateway(entries: Schemas['InboxEntryDto'][], bytes: Record<string, Uint8Array>) {
  const acked: string[] = [];
  const fetch = (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/v1/inbox') {
      const status = url.searchParams.get('status');
      return Promise.resolve(
        json({ items: entries.filter((e) => (status === 'new' ? !e.downloadedAt : !!e.downloadedAt)) }),
      );
    }
    const ack = /^\/v1\/inbox\/([^/]+)\/ack$/.exec(url.pathname);
    if (ack && request.method === 'POST') {
      acked.push(ack[1]);
      return Promise.resolve(json(entries.find((e) => e.id === ack[1])));
    }
    const file = /^\/v1\/inbox\/[^/]+\/files\/([^/]+)$/.exec(url.pathname);
    if (file) return Promise.resolve(new Response(Buffer.from(bytes[file[1]])));
    return Promise.resolve(new Response('{}', { status: 404 }));
  };
  return { client: createGatewayClient({ baseUrl: 'http://gateway.test', apiKey: 'cpx_t', fetch }), acked };
}

function entry(id: string, sequence: number, files: { id: string; name: string; bytes: Uint8Array }[]) {
  return {
    id,
    submissionId: `s-${id}`,
    from: '1371201367',
    sequence,
    deliveredAt: '2026-12-03T00:00:00Z',
    downloadedAt: null,
    acknowledgedAt: null,
    files: files.map((f) => ({
      id: f.id,
      name: f.name,
      kind: 'attachment' as const,
      contentType: 'application/pdf',
      size: f.bytes.byteLength,
      sha256: sha(f.bytes),
    })),
    validation: {} as Schemas['ValidationSummaryDto'],
  };
}

describe('pullInbox', () => {
  const pdf = Buffer.from('%PDF-1.4 モニタリング');
  const memo = Buffer.from('連絡メモ');

  it('writes the files under their names as sent and acknowledges what it wrote, in sequence order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pull-'));
    const { client, acked } = fakeGateway(
      [
        entry('d2', 2, [{ id: 'f2', name: '連絡メモ.txt', bytes: memo }]),
        entry('d1', 1, [{ id: 'f1', name: 'モニタリングシート.pdf', bytes: pdf }]),
      ],
      { f1: pdf, f2: memo },
    );
    const result = await pullInbox(client, dir, { ack: true });
    expect(result.failed).toEqual([]);
    expect(result.pulled.map((d) => d.deliveryId)).toEqual(['d1', 'd2']);
    expect(acked).toEqual(['d1', 'd2']);
    expect(readFileSync(join(dir, 'モニタリングシート.pdf'))).toEqual(pdf);
    expect(readFileSync(join(dir, '連絡メモ.txt'))).toEqual(memo);
    expect(readdirSync(dir).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('does not write or acknowledge a delivery whose bytes do not match their sha256', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pull-'));
    const { client, acked } = fakeGateway([entry('d1', 1, [{ id: 'f1', name: 'a.pdf', bytes: pdf }])], {
      f1: Buffer.from('something else'),
    });
    const result = await pullInbox(client, dir, { ack: true });
    expect(result.pulled).toEqual([]);
    expect(result.failed).toEqual([{ deliveryId: 'd1', reason: expect.stringContaining('sha256') }]);
    expect(acked).toEqual([]);
    expect(existsSync(join(dir, 'a.pdf'))).toBe(false);
  });

  it('never overwrites other bytes under the same name, and refuses names that leave the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pull-'));
    writeFileSync(join(dir, 'a.pdf'), 'older file');
    const { client, acked } = fakeGateway(
      [
        entry('d1', 1, [{ id: 'f1', name: 'a.pdf', bytes: pdf }]),
        entry('d2', 2, [{ id: 'f2', name: '../x.txt', bytes: memo }]),
      ],
      { f1: pdf, f2: memo },
    );
    const result = await pullInbox(client, dir, { ack: true });
    expect(result.failed.map((f) => f.deliveryId)).toEqual(['d1', 'd2']);
    expect(acked).toEqual([]);
    expect(readFileSync(join(dir, 'a.pdf'), 'utf8')).toBe('older file');
  });

  it('without ack, pulls new deliveries only and acknowledges nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pull-'));
    const downloaded = {
      ...entry('d0', 1, [{ id: 'f0', name: 'old.pdf', bytes: pdf }]),
      downloadedAt: '2026-12-02T00:00:00Z',
    };
    const { client, acked } = fakeGateway(
      [downloaded, entry('d1', 2, [{ id: 'f1', name: 'a.pdf', bytes: pdf }])],
      {
        f0: pdf,
        f1: pdf,
      },
    );
    const result = await pullInbox(client, dir, { ack: false });
    expect(result.pulled.map((d) => [d.deliveryId, d.acknowledged])).toEqual([['d1', false]]);
    expect(acked).toEqual([]);
  });
});
