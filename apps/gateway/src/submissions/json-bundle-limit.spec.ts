import Fastify from 'fastify';
import { jsonBundleBodyLimit, raiseJsonBundleBodyLimit } from './json-bundle-limit';

const MiB = 1024 * 1024;

describe('raiseJsonBundleBodyLimit', () => {
  it('is the bundle limit in base64 plus a MiB', () => {
    expect(jsonBundleBodyLimit(3 * MiB)).toBe(5 * MiB);
  });

  it('raises the limit of the JSON bundle routes only, and still refuses a body over it', async () => {
    const app = Fastify({ bodyLimit: MiB });
    raiseJsonBundleBodyLimit(app, 3 * MiB);
    for (const url of ['/v1/submissions', '/v1/validate', '/v1/webhook'])
      app.post(url, (req, reply) => reply.send({ bytes: JSON.stringify(req.body).length }));
    await app.ready();
    const post = (url: string, size: number) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ x: 'a'.repeat(size) }),
      });
    try {
      expect((await post('/v1/submissions', 2 * MiB)).statusCode).toBe(200);
      expect((await post('/v1/validate', 2 * MiB)).statusCode).toBe(200);
      expect((await post('/v1/webhook', 2 * MiB)).statusCode).toBe(413);
      expect((await post('/v1/submissions', 6 * MiB)).statusCode).toBe(413);
    } finally {
      await app.close();
    }
  });
});
