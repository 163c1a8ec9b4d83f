import { BadRequestException, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { Controller, Get, Post } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { problem } from './app.exception';
import { ProblemFilter } from './problem.filter';

// The shapes pg, TypeORM and ioredis really throw (taken from a pool whose server went away, a COMMIT cut
// off by a TCP proxy, pg_terminate_backend and a closed ioredis connection).
const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
    errno: -111,
    code: 'ECONNREFUSED',
    syscall: 'connect',
    address: '127.0.0.1',
    port: 5432,
  });
const pgError = (message: string, code: string) =>
  Object.assign(new DatabaseError(message, 0, 'error'), { code, severity: 'FATAL' });
const terminated = (query: string) =>
  new QueryFailedError(query, [], pgError('terminating connection due to administrator command', '57P01'));
const commitCut = () => new QueryFailedError('COMMIT', [], new Error('Connection terminated unexpectedly'));
const deadlock = () => new QueryFailedError('UPDATE x SET a = 1', [], pgError('deadlock detected', '40P01'));

describe('ProblemFilter', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  const filter = new ProblemFilter();

  it('keeps a domain exception code, status, both messages and location', () => {
    const tooLarge = {
      code: 'FILE_TOO_LARGE',
      status: 413,
      ja: '「{file}」が大きすぎます',
      en: '{file} is too large',
    };
    const e = problem(tooLarge, { file: 'a.pdf' }, { file: 'a.pdf' });
    expect(filter.toProblem(e, '/v1/submissions')).toMatchObject({
      status: 413,
      code: 'FILE_TOO_LARGE',
      message: { ja: '「a.pdf」が大きすぎます', en: 'a.pdf is too large' },
      file: 'a.pdf',
      instance: '/v1/submissions',
    });
  });

  it('gives framework errors a stable code and passes validation details on', () => {
    expect(filter.toProblem(new NotFoundException(), '/x')).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const invalid = filter.toProblem(new BadRequestException(['limit must not be greater than 200']), '/x');
    expect(invalid).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      details: ['limit must not be greater than 200'],
    });
    expect(invalid.message.ja).toBeTruthy();
  });

  it('answers an unready service (terminus) with 503 and its checks, not a 500', () => {
    const result = { status: 'error', info: {}, error: { kafka: { status: 'down' } }, details: {} };
    const problem = filter.toProblem(new ServiceUnavailableException(result), '/health/ready');
    expect(problem).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', checks: result });
    expect(problem.errorId).toBeUndefined();
  });

  it('hides the details of an unexpected error behind an error id', () => {
    const problem = filter.toProblem(new Error('password=secret'), '/x');
    expect(problem.status).toBe(500);
    expect(problem.code).toBe('INTERNAL_ERROR');
    expect(problem.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(problem)).not.toContain('secret');
  });

  describe('a dependency that is down', () => {
    let warn: jest.SpyInstance;
    let error: jest.SpyInstance;

    beforeEach(() => {
      warn = jest.spyOn(Logger.prototype, 'warn');
      error = jest.spyOn(Logger.prototype, 'error');
    });
    afterEach(() => jest.restoreAllMocks());

    it.each([
      ['a pool that cannot connect', refused()],
      ['a statement of a connection the server terminated (57P01)', terminated('SELECT 1')],
      ['a COMMIT cut off', commitCut()],
      ['a closed Redis connection', new Error('Connection is closed.')],
    ])('answers a read during %s 503 SERVICE_UNAVAILABLE, logged as a warning', (_, e) => {
      const problem = filter.toProblem(e, '/v1/inbox', 'GET');
      expect(problem).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: 5 });
      expect(problem.message.ja).toBeTruthy();
      expect(problem.message.en).toContain('not applied');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(error).not.toHaveBeenCalled();
    });

    it.each([
      ['the database refused the connection', refused()],
      ['the transaction was rolled back by a deadlock', deadlock()],
    ])('tells a write it was not applied when %s', (_, e) => {
      expect(filter.toProblem(e, '/v1/keys', 'POST')).toMatchObject({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
      });
    });

    it.each([
      ['its COMMIT was cut off', commitCut()],
      ['the server terminated it mid-statement', terminated('INSERT INTO "gateway"."api_keys" …')],
      ['Redis closed mid-way', new Error('Connection is closed.')],
    ])('answers a write whose %s OUTCOME_UNKNOWN: retry with the same Idempotency-Key', (_, e) => {
      const problem = filter.toProblem(e, '/v1/submissions', 'POST');
      expect(problem).toMatchObject({ status: 503, code: 'OUTCOME_UNKNOWN', retryAfter: 5 });
      expect(problem.message.en).toContain('same Idempotency-Key');
      expect(problem.message.ja).toContain('同じ Idempotency-Key');
      expect(problem.errorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(error).not.toHaveBeenCalled();
    });
  });

  describe('over HTTP', () => {
    @Controller('t')
    class FailingController {
      @Get('read') read(): never {
        throw refused();
      }
      @Post('write') write(): never {
        throw commitCut();
      }
    }
    let app: NestFastifyApplication;

    beforeAll(async () => {
      const module = await Test.createTestingModule({ controllers: [FailingController] }).compile();
      app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
      app.useGlobalFilters(new ProblemFilter());
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
    });
    afterAll(() => app.close());

    it('sends 503 problem+json with Retry-After for a read and a write', async () => {
      const fastify = app.getHttpAdapter().getInstance();
      const read = await fastify.inject({ method: 'GET', url: '/t/read' });
      expect(read.statusCode).toBe(503);
      expect(read.headers['retry-after']).toBe('5');
      expect(read.headers['content-type']).toContain('application/problem+json');
      expect(read.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      const write = await fastify.inject({ method: 'POST', url: '/t/write' });
      expect(write.statusCode).toBe(503);
      expect(write.headers['retry-after']).toBe('5');
      expect(write.json()).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    });
  });
});
