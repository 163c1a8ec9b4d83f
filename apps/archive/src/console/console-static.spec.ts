import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProblemFilter } from '@careplan/platform';
import { serveConsole } from './console-static';

// @fastify/static requires content-disposition, an ES module, which Jest's runtime cannot require (Node can); it
// only writes reply.download's header, which the console does not use.
jest.mock('content-disposition', () => ({ create: (name: string) => `attachment; filename="${name}"` }));

@Controller('ops/v1')
class PingController {
  @Get('ping') ping() {
    return { ok: true };
  }
}

@Module({ controllers: [PingController] })
class TestModule {}

/** A Nest app on Fastify as the archive's, with the console served from `dir` (nothing listens: inject). */
async function appServing(dir: string, warn = jest.fn()): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), {
    logger: false,
  });
  app.useGlobalFilters(new ProblemFilter());
  await serveConsole(app.getHttpAdapter().getInstance(), dir, { warn });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('serveConsole', () => {
  let dir: string;
  let app: NestFastifyApplication;
  const get = (url: string, method: 'GET' | 'HEAD' | 'POST' = 'GET') =>
    app.getHttpAdapter().getInstance().inject({ method, url });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'console-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await appServing(dir);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at /console/, asked for again every time', async () => {
    const r = await get('/console/');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.body).toContain('<title>console</title>');
  });

  it('serves the hashed assets as they are, cached for good', async () => {
    const r = await get('/console/assets/index-abc123.js');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.body).toBe('console.log(1)');
  });

  it('answers every console URL with index.html, so deep links and bookmarks open (the SPA routes them)', async () => {
    for (const url of [
      '/console/offices',
      '/console/offices/1312345670?x=1',
      '/console/setup/abc',
      '/console/a/b/',
    ]) {
      const r = await get(url);
      expect({ url, status: r.statusCode }).toEqual({ url, status: 200 });
      expect(r.body).toContain('<title>console</title>');
    }
    expect((await get('/console/offices', 'HEAD')).statusCode).toBe(200);
  });

  it('redirects /console to /console/, keeping the query', async () => {
    const r = await get('/console?next=%2Foffices');
    expect(r.statusCode).toBe(301);
    expect(r.headers.location).toBe('/console/?next=%2Foffices');
  });

  it('answers a missing asset and a POST with a problem, not the page', async () => {
    const missing = await get('/console/assets/gone-123.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await get('/console/offices', 'POST')).statusCode).toBe(404);
  });

  it('leaves the API and its 404s alone', async () => {
    expect((await get('/ops/v1/ping')).json()).toEqual({ ok: true });
    const r = await get('/ops/v1/nothing');
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.headers['content-security-policy']).toBeUndefined();
  });

  it('without a build: a warning, and 503 CONSOLE_NOT_BUILT at /console/ while the rest works', async () => {
    const warn = jest.fn();
    const bare = await appServing(path.join(dir, 'not-built'), warn);
    try {
      const inject = (url: string) => bare.getHttpAdapter().getInstance().inject({ method: 'GET', url });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('not built'));
      const r = await inject('/console/');
      expect(r.statusCode).toBe(503);
      expect(r.json()).toMatchObject({ code: 'CONSOLE_NOT_BUILT', status: 503 });
      expect((await inject('/console/offices')).statusCode).toBe(503);
      expect((await inject('/ops/v1/ping')).statusCode).toBe(200);
    } finally {
      await bare.close();
    }
  });
});
