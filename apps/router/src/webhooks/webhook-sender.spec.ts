import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '@careplan/testing';
import { classifyStatus, pushWebhook } from './webhook-sender';

describe('classifyStatus', () => {
  it.each([200, 201, 204, 299])('%i is success', (s) => expect(classifyStatus(s)).toBe('success'));
  it.each([400, 401, 403, 404, 410, 422])('%i is permanent', (s) =>
    expect(classifyStatus(s)).toBe('permanent'),
  );
  it.each([301, 302, 408, 429, 500, 502, 503, 504])('%i is retried', (s) =>
    expect(classifyStatus(s)).toBe('retry'),
  );
});

describe('pushWebhook', () => {
  const request = (url: string, allowPrivate: boolean, allowLoopback = false) => ({
    url,
    secret: 's',
    eventId: 'e1',
    type: 'delivery.delivered',
    body: '{}',
    timeoutMs: 1000,
    addresses: { allowPrivate, allowLoopback },
  });

  it.each(['http://127.0.0.1:9/hook', 'http://[::1]:9/hook', 'http://localhost:9/hook'])(
    'refuses %p for good unless private addresses are allowed',
    async (url) => {
      const result = await pushWebhook(request(url, false));
      expect(result.outcome).toBe('permanent');
      expect(result.error).toMatch(/is not a public address/);
    },
  );

  it('reaches loopback but no private network when only loopback is allowed (tests)', async () => {
    expect((await pushWebhook(request('http://127.0.0.1:9/hook', false, true))).outcome).toBe('retry');
    expect((await pushWebhook(request('http://localhost:9/hook', false, true))).outcome).toBe('retry');
    const blocked = await pushWebhook(request('http://169.254.169.254/latest', false, true));
    expect(blocked).toEqual({
      outcome: 'permanent',
      error: 'address 169.254.169.254 is not a public address',
    });
  });

  it('retries a refused connection', async () => {
    const result = await pushWebhook(request('http://127.0.0.1:9/hook', true));
    expect(result).toEqual({ outcome: 'retry', error: expect.stringMatching(/ECONNREFUSED/) as string });
  });

  it('does not keep reading an answer that never ends once it has the status', async () => {
    let closed = false;
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200);
      const timer = setInterval(() => res.write('x'.repeat(1024)), 5);
      res.on('close', () => {
        clearInterval(timer);
        closed = true;
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      expect(await pushWebhook(request(`http://127.0.0.1:${port}/hook`, true))).toEqual({
        outcome: 'success',
      });
      // The sender drops the connection as soon as it has the status; left open, it would stream forever.
      await eventually(
        () => closed,
        (c) => c,
        2000,
        10,
      );
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
