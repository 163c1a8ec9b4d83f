import {
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  Injectable,
  Logger,
  Module,
  UseGuards,
} from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { AddressInfo, connect, createServer } from 'node:net';
import { freePort, redisUrl } from '@careplan/testing';
import { problem } from '../errors/app.exception';
import { PlatformModule } from '../platform.module';
import { createHttpApp } from './bootstrap';
import { limitFailedAuthentication, limitPrincipal, PublicRoute, RateLimitSettings } from './rate-limit';

/**
 * Stands for the apps' key guards: `x-api-key: office:<n>` (or the cookie `session=office:<n>`, as the archive's
 * console session) authenticates, anything else is refused.
 */
@Injectable()
class TestKeyGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const cookie = /(?:^|;\s*)session=([^;]*)/.exec(req.headers.cookie ?? '')?.[1];
    const key = String(req.headers['x-api-key'] ?? cookie ?? '');
    if (!key.startsWith('office:')) {
      const refused = problem({ code: 'API_KEY_INVALID', status: 401, ja: '無効', en: 'invalid' });
      await limitFailedAuthentication(req, refused);
      throw refused;
    }
    await limitPrincipal(req, key);
    return true;
  }
}

@Controller()
class TestController {
  @Get('public')
  @PublicRoute()
  publicRoute() {
    return { ok: true };
  }

  @Get('private')
  @UseGuards(TestKeyGuard)
  privateRoute() {
    return { ok: true };
  }

  @Get('internal/v1/x')
  internal() {
    return { ok: true };
  }
}

// PlatformModule serves /health and /metrics, as in every service.
@Module({
  imports: [PlatformModule.forRoot({ serviceName: 'it-rate-limit', logLevel: 'silent' })],
  controllers: [TestController],
  providers: [TestKeyGuard],
})
class TestModule {}

const settings = (over: Partial<RateLimitSettings> = {}): RateLimitSettings => ({
  perMinute: 3,
  publicPerMinute: 3,
  redisUrl: redisUrl(),
  keyPrefix: `it:${randomBytes(4).toString('hex')}:rate-limit:`,
  ...over,
});

describe('rate limits, counted in the real Redis', () => {
  let app: NestFastifyApplication;
  const get = (url: string, address: string, headers: Record<string, string> = {}) =>
    app.getHttpAdapter().getInstance().inject({ method: 'GET', url, remoteAddress: address, headers });
  const statuses = async (n: number, url: string, address: string, headers: Record<string, string> = {}) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await get(url, address, headers)).statusCode);
    return out;
  };

  let internalPort = 0;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    internalPort = await freePort();
    app = await createHttpApp(TestModule, {
      port: 0,
      host: '127.0.0.1',
      internal: { port: internalPort, host: '127.0.0.1' },
      rateLimit: settings(),
    });
  });
  afterAll(() => app.close());

  it('answers a public route past the per-address limit 429 RATE_LIMITED, other addresses unaffected', async () => {
    expect(await statuses(3, '/public', '10.0.0.1')).toEqual([200, 200, 200]);
    const refused = await get('/public', '10.0.0.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    const body = refused.json<{ code: string; retryAfter: number; message: { ja: string; en: string } }>();
    expect(body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(body.message.ja).toContain('秒後');
    expect(body.message.en).toContain(`Retry in ${body.retryAfter} seconds`);
    expect((await get('/public', '10.0.0.2')).statusCode).toBe(200);
    // A made-up key does not take a public route out of the per-address limit.
    expect((await get('/public', '10.0.0.1', { 'x-api-key': 'made-up' })).statusCode).toBe(429);
  });

  it('limits an authenticated principal wherever it calls from, other principals unaffected', async () => {
    const a = { 'x-api-key': 'office:1371201367' };
    expect(await statuses(3, '/private', '10.0.1.1', a)).toEqual([200, 200, 200]);
    expect((await get('/private', '10.0.1.2', a)).statusCode).toBe(429);
    expect((await get('/private', '10.0.1.1', { 'x-api-key': 'office:1371500420' })).statusCode).toBe(200);
    // Authenticated calls do not use up the address's public allowance.
    expect((await get('/public', '10.0.1.1')).statusCode).toBe(200);
  });

  it('counts refused keys against the address: 401 until the limit, then 429', async () => {
    const bad = { 'x-api-key': 'guess' };
    expect(await statuses(4, '/private', '10.0.2.1', bad)).toEqual([401, 401, 401, 429]);
    expect((await get('/private', '10.0.2.1', { 'x-api-key': 'office:1371201368' })).statusCode).toBe(200);
  });

  it('never limits health, metrics and internal routes', async () => {
    await statuses(4, '/public', '10.0.3.1');
    expect(await statuses(5, '/health/live', '10.0.3.1')).toEqual([200, 200, 200, 200, 200]);
    // Internal routes answer only on the internal listener: five calls from one address, none limited.
    const internal: number[] = [];
    for (let i = 0; i < 5; i++) {
      internal.push((await fetch(`http://127.0.0.1:${internalPort}/internal/v1/x`)).status);
    }
    expect(internal).toEqual([200, 200, 200, 200, 200]);
    expect((await get('/metrics', '10.0.3.1')).statusCode).not.toBe(429);
  });
});

describe('rate limits in memory, with a limit turned off', () => {
  it('counts in the process, and 0 means no limit', async () => {
    const app = await createHttpApp(TestModule, {
      port: 0,
      host: '127.0.0.1',
      internal: { port: 0, host: '127.0.0.1' },
      rateLimit: settings({ redisUrl: null, perMinute: 0, publicPerMinute: 2 }),
    });
    const fastify = app.getHttpAdapter().getInstance();
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push((await fastify.inject({ url: '/public', remoteAddress: '10.1.0.1' })).statusCode);
    for (let i = 0; i < 10; i++)
      codes.push(
        (
          await fastify.inject({
            url: '/private',
            remoteAddress: '10.1.0.1',
            headers: { 'x-api-key': 'office:1' },
          })
        ).statusCode,
      );
    await app.close();
    expect(codes).toEqual([200, 200, 429, ...Array<number>(10).fill(200)]);
  });

  it('counts requests with a credential cookie per principal, and refused ones per address', async () => {
    const app = await createHttpApp(TestModule, {
      port: 0,
      host: '127.0.0.1',
      internal: { port: 0, host: '127.0.0.1' },
      rateLimit: settings({ redisUrl: null, perMinute: 3, publicPerMinute: 1, credentialCookie: 'session' }),
    });
    const fastify = app.getHttpAdapter().getInstance();
    const codes = async (n: number, cookie: string) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++)
        out.push(
          (await fastify.inject({ url: '/private', remoteAddress: '10.1.1.1', headers: { cookie } }))
            .statusCode,
        );
      return out;
    };
    // Past the address's one request a minute: the cookie is counted as the office's.
    expect(await codes(4, 'lang=ja; session=office:7')).toEqual([200, 200, 200, 429]);
    expect(await codes(2, 'session=guess')).toEqual([401, 429]);
    // Another cookie is no credential: counted against the address at the door.
    expect(await codes(1, 'sessionx=office:8')).toEqual([429]);
    await app.close();
  });

  it('lets requests through when Redis cannot be reached (fails open)', async () => {
    const app = await createHttpApp(TestModule, {
      port: 0,
      host: '127.0.0.1',
      internal: { port: 0, host: '127.0.0.1' },
      rateLimit: settings({ redisUrl: 'redis://127.0.0.1:1', publicPerMinute: 1 }),
    });
    const fastify = app.getHttpAdapter().getInstance();
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push((await fastify.inject({ url: '/public', remoteAddress: '10.2.0.1' })).statusCode);
    await app.close();
    expect(codes).toEqual([200, 200, 200]);
  });

  it('lets requests through, after a short wait, when Redis stops answering mid-way', async () => {
    // A TCP proxy to the real Redis that, once told to hang, swallows what it is sent.
    let hang = false;
    const proxy = createServer((client) => {
      const upstream = connect(Number(new URL(redisUrl()).port || 6379), new URL(redisUrl()).hostname);
      client.on('data', (chunk) => hang || upstream.write(chunk));
      upstream.on('data', (chunk) => client.write(chunk));
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      for (const s of [client, upstream]) s.on('error', close).on('close', close);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = `redis://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const app = await createHttpApp(TestModule, {
      port: 0,
      host: '127.0.0.1',
      internal: { port: 0, host: '127.0.0.1' },
      rateLimit: settings({ redisUrl: url, publicPerMinute: 1 }),
    });
    const fastify = app.getHttpAdapter().getInstance();
    const call = () => fastify.inject({ url: '/public', remoteAddress: '10.3.0.1' });
    const before = [(await call()).statusCode, (await call()).statusCode];
    hang = true;
    const started = Date.now();
    const during = (await call()).statusCode;
    const waitedMs = Date.now() - started;
    await app.close();
    proxy.close();
    expect(before).toEqual([200, 429]);
    expect(during).toBe(200);
    expect(waitedMs).toBeLessThan(1500);
  });
});
