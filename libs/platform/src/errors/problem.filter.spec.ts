import {
  BadRequestException,
  HttpStatus,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { AppException } from './app.exception';
import { ProblemFilter } from './problem.filter';

describe('ProblemFilter', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  const filter = new ProblemFilter();

  it('keeps a domain exception code, status, both messages and location', () => {
    const e = new AppException(
      'FILE_TOO_LARGE',
      HttpStatus.PAYLOAD_TOO_LARGE,
      { ja: '大きすぎます', en: 'too large' },
      { file: 'a.pdf' },
    );
    expect(filter.toProblem(e, '/v1/submissions')).toMatchObject({
      status: 413,
      code: 'FILE_TOO_LARGE',
      message: { ja: '大きすぎます', en: 'too large' },
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
});
