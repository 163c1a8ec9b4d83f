import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AppException, problem } from '../errors/app.exception';
import { InternalHttpClient } from './internal-http.client';

const unavailable = () =>
  problem({ code: 'HISTORY_UNAVAILABLE', status: 503, ja: '一時的に', en: 'temporarily' });

describe('InternalHttpClient', () => {
  let server: Server;
  let url: string;
  let seenToken: string | undefined;
  let seenUrl: string | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seenToken = req.headers['x-internal-token'] as string | undefined;
      seenUrl = req.url;
      const [status, body] = (
        {
          '/ok': [200, { items: [] }],
          '/bad': [
            400,
            {
              type: 'about:blank',
              status: 400,
              code: 'HISTORY_FILTER_INVALID',
              message: { ja: '検索条件', en: 'filter' },
              parameter: 'event',
              errorId: 'x',
            },
          ],
          '/token': [401, { code: 'INTERNAL_TOKEN_INVALID', message: { ja: 'x', en: 'x' } }],
          '/boom': [500, { code: 'INTERNAL_ERROR', message: { ja: 'x', en: 'x' } }],
        } as Record<string, [number, object]>
      )[(req.url ?? '').split('?')[0]] ?? [404, {}];
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((r) => server.close(r)));

  const client = () =>
    new InternalHttpClient({ baseUrl: url, internalToken: 'secret-token-1234' }, unavailable);
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as AppException,
    );

  it('presents the internal token and leaves unset query values out', async () => {
    await expect(client().json('/ok', { query: { limit: 5, cursor: undefined } })).resolves.toEqual({
      items: [],
    });
    expect(seenToken).toBe('secret-token-1234');
    expect(seenUrl).toBe('/ok?limit=5');
  });

  it("passes the archive's problem on with its code, status, messages and details", async () => {
    const e = await failure(client().json('/bad'));
    expect(e).toBeInstanceOf(AppException);
    expect(e).toMatchObject({ code: 'HISTORY_FILTER_INVALID', status: 400, extra: { parameter: 'event' } });
    expect(e?.messages).toEqual({ ja: '検索条件', en: 'filter' });
    expect(e?.extra).not.toHaveProperty('errorId');
  });

  it('answers unavailable for server errors, a token mismatch and an unreachable archive', async () => {
    expect((await failure(client().json('/boom')))?.code).toBe('HISTORY_UNAVAILABLE');
    expect((await failure(client().json('/token')))?.code).toBe('HISTORY_UNAVAILABLE');
    const nowhere = new InternalHttpClient(
      { baseUrl: 'http://127.0.0.1:1', internalToken: 'x' },
      unavailable,
    );
    expect((await failure(nowhere.json('/ok')))?.code).toBe('HISTORY_UNAVAILABLE');
  });
});
