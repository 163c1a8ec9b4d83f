import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendBundle, sendJsonBundle } from './bundle.send';
import { createGatewayClient } from './gateway.client';

// A local HTTP listener standing in for the gateway: what matters is the request the helper puts on the wire.
describe('sendBundle', () => {
  let server: Server;
  let received: { headers: IncomingHttpHeaders; body: Buffer }[];
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res
          .writeHead(202, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: 's1', status: 'accepted' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => (received = []));
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200_000, 7)]);
  const files = [
    { name: 'UPPLAN_202505_1371201367_43_1371500420_11_20250425103000.CSV', bytes: Buffer.from('a,b\r\n') },
    { name: 'モニタリングシート.pdf', bytes: pdf },
  ];

  it('posts multipart form data: `to`, then one `files` part per file under its name, with the key', async () => {
    const client = createGatewayClient({ baseUrl, apiKey: 'cpx_k' });
    const submission = await sendBundle(client, '1371500420', files, { idempotencyKey: 'idem-1' });
    expect(submission).toMatchObject({ id: 's1' });
    const [{ headers, body }] = received;
    expect(headers['x-api-key']).toBe('cpx_k');
    expect(headers['idempotency-key']).toBe('idem-1');
    expect(headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const text = body.toString('utf8');
    expect(text).toContain('name="to"\r\n\r\n1371500420\r\n');
    expect(text).toContain('name="files"; filename="モニタリングシート.pdf"');
    expect(body.includes(pdf)).toBe(true);
  });

  it('reports upload progress up to the whole body, and sends the same bytes', async () => {
    const client = createGatewayClient({ baseUrl, apiKey: 'cpx_k' });
    const seen: [number, number][] = [];
    await sendBundle(client, '1371500420', files, { onProgress: (sent, total) => seen.push([sent, total]) });
    const [{ body }] = received;
    const total = seen[0][1];
    expect(total).toBe(body.byteLength);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.every(([sent], i) => i === 0 || sent >= seen[i - 1][0])).toBe(true);
    expect(body.includes(pdf)).toBe(true);
  });

  it('posts a JSON bundle as application/json, unchanged, with the key and the Idempotency-Key', async () => {
    const client = createGatewayClient({ baseUrl, apiKey: 'cpx_k' });
    const bundle = {
      to: '1371500420',
      documents: [
        {
          fileType: 'UPPLAN',
          senderServiceKind: '43',
          receiverServiceKind: '11',
          yyyymm: '202505',
          records: [],
        },
      ],
      attachments: [],
    };
    expect(await sendJsonBundle(client, bundle, { idempotencyKey: 'idem-2' })).toMatchObject({ id: 's1' });
    const [{ headers, body }] = received;
    expect(headers['x-api-key']).toBe('cpx_k');
    expect(headers['idempotency-key']).toBe('idem-2');
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(body.toString('utf8'))).toEqual(bundle);
  });
});
