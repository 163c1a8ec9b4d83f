import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, LocalizedMessage, problem, ProblemDefinition } from './app.exception';
import { DEPENDENCY_RETRY_AFTER_SECONDS, FRAMEWORK_PROBLEMS, PLATFORM_PROBLEMS } from './platform.problems';
import { isNotAppliedError, isTransientError } from './transient-error';

/** The one error envelope (RFC 9457 problem+json) with a stable code and Japanese and English messages. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  message: LocalizedMessage;
  instance: string;
  errorId?: string;
  [extra: string]: unknown;
}

/** The registry's refusal for a framework status; a status it has no entry for answers as BAD_REQUEST. */
const framework = (status: number): ProblemDefinition =>
  FRAMEWORK_PROBLEMS[status] ?? PLATFORM_PROBLEMS.BAD_REQUEST;

/** Methods that change nothing: whatever broke, nothing was applied. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = this.toProblem(exception, req.url, req.method);
    if (body.status === 503 || body.status === 429)
      void reply.header(
        'retry-after',
        String(typeof body.retryAfter === 'number' ? body.retryAfter : DEPENDENCY_RETRY_AFTER_SECONDS),
      );
    void reply
      .status(body.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(body);
  }

  /** `method` tells a read from a write: a write cut off mid-way may have been applied. */
  toProblem(exception: unknown, instance: string, method = 'GET'): ProblemBody {
    if (exception instanceof AppException) {
      return this.body(exception.status, exception.code, exception.messages, instance, exception.extra);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const generic = framework(status);
      const response = exception.getResponse();
      // class-validator failures arrive as a list of messages: pass them on as details.
      const details =
        typeof response === 'object' && response !== null && 'message' in response
          ? response.message
          : undefined;
      const extra = Array.isArray(details)
        ? { details }
        : typeof details === 'string'
          ? { detail: details }
          : {};
      if (status < 500) return this.definition(status, generic, instance, extra);
      // /health/ready when a critical dependency is down: 503 with what each check said, not a 500.
      if (status === 503) {
        const checks = typeof response === 'object' && response !== null ? { checks: response } : {};
        return this.definition(status, generic, instance, checks);
      }
    }
    if (this.isFastifyClientError(exception)) {
      const status = exception.statusCode;
      return this.definition(status, framework(status), instance, { detail: exception.message });
    }
    if (isTransientError(exception)) return this.unavailable(exception, instance, method);
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId }, 'unhandled error');
    return this.definition(500, PLATFORM_PROBLEMS.INTERNAL_ERROR, instance, { errorId });
  }

  /**
   * A dependency (database, Redis, Kafka) down is the service's state, not a bug: 503 with Retry-After,
   * logged as a warning. A write whose connection broke after it may have reached the database (during a
   * statement or its COMMIT) is OUTCOME_UNKNOWN, so a client retries it with its Idempotency-Key.
   */
  private unavailable(exception: unknown, instance: string, method: string): ProblemBody {
    const errorId = randomUUID();
    const unknown = !SAFE_METHODS.has(method.toUpperCase()) && !isNotAppliedError(exception);
    const failure = problem(
      unknown ? PLATFORM_PROBLEMS.OUTCOME_UNKNOWN : PLATFORM_PROBLEMS.SERVICE_UNAVAILABLE,
      {},
      {
        errorId,
        retryAfter: DEPENDENCY_RETRY_AFTER_SECONDS,
      },
    );
    this.logger.warn({ err: exception, errorId, code: failure.code }, 'dependency unavailable');
    return this.body(failure.status, failure.code, failure.messages, instance, failure.extra);
  }

  private isFastifyClientError(e: unknown): e is { statusCode: number; message: string } {
    if (typeof e !== 'object' || e === null || !('statusCode' in e)) return false;
    const code = e.statusCode;
    return typeof code === 'number' && code >= 400 && code < 500;
  }

  /** A framework refusal keeps the status it was thrown with, even one the registry has no entry for. */
  private definition(
    status: number,
    d: ProblemDefinition,
    instance: string,
    extra: Record<string, unknown>,
  ): ProblemBody {
    return this.body(status, d.code, { ja: d.ja, en: d.en }, instance, extra);
  }

  private body(
    status: number,
    code: string,
    message: LocalizedMessage,
    instance: string,
    extra: Record<string, unknown>,
  ): ProblemBody {
    return {
      type: `https://careplan-exchange.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      title: message.en,
      status,
      code,
      message,
      instance,
      ...extra,
    };
  }
}
