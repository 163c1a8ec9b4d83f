import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, LocalizedMessage } from './app.exception';
import { DEPENDENCY_RETRY_AFTER_SECONDS, PlatformProblems } from './platform.problems';
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

const GENERIC: Record<number, { code: string; message: LocalizedMessage }> = {
  400: {
    code: 'BAD_REQUEST',
    message: { ja: 'リクエストが正しくありません。', en: 'The request is malformed.' },
  },
  401: { code: 'UNAUTHORIZED', message: { ja: '認証が必要です。', en: 'Authentication is required.' } },
  403: {
    code: 'FORBIDDEN',
    message: { ja: 'この操作は許可されていません。', en: 'This operation is not allowed.' },
  },
  404: { code: 'NOT_FOUND', message: { ja: '見つかりません。', en: 'Not found.' } },
  405: {
    code: 'METHOD_NOT_ALLOWED',
    message: { ja: 'このメソッドは使えません。', en: 'Method not allowed.' },
  },
  406: { code: 'NOT_ACCEPTABLE', message: { ja: '要求された形式では返せません。', en: 'Not acceptable.' } },
  408: {
    code: 'REQUEST_TIMEOUT',
    message: {
      ja: 'リクエストの受信が時間内に終わりませんでした。',
      en: 'The request took too long to arrive.',
    },
  },
  409: {
    code: 'CONFLICT',
    message: { ja: '現在の状態と矛盾します。', en: 'Conflicts with the current state.' },
  },
  413: {
    code: 'PAYLOAD_TOO_LARGE',
    message: { ja: '送信データが大きすぎます。', en: 'The payload is too large.' },
  },
  414: {
    code: 'URI_TOO_LONG',
    message: { ja: 'URL が長すぎます。', en: 'The URL is too long.' },
  },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: { ja: 'この形式は受け付けません。', en: 'Unsupported media type.' },
  },
  422: {
    code: 'UNPROCESSABLE',
    message: { ja: '内容を処理できません。', en: 'The content cannot be processed.' },
  },
  431: {
    code: 'HEADERS_TOO_LARGE',
    message: { ja: 'リクエストヘッダーが大きすぎます。', en: 'The request headers are too large.' },
  },
  429: { code: 'TOO_MANY_REQUESTS', message: { ja: 'リクエストが多すぎます。', en: 'Too many requests.' } },
  503: {
    code: 'SERVICE_UNAVAILABLE',
    message: {
      ja: '一時的に利用できません。しばらくしてから再度お試しください。',
      en: 'Temporarily unavailable. Please retry shortly.',
    },
  },
};
const INTERNAL = {
  code: 'INTERNAL_ERROR',
  message: {
    ja: 'サーバー内部でエラーが発生しました。errorId をお知らせください。',
    en: 'An internal error occurred. Please report the errorId.',
  },
};

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
      const generic = GENERIC[status] ?? GENERIC[400];
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
      if (status < 500) return this.body(status, generic.code, generic.message, instance, extra);
      // /health/ready when a critical dependency is down: 503 with what each check said, not a 500.
      if (status === 503) {
        const checks = typeof response === 'object' && response !== null ? { checks: response } : {};
        return this.body(status, generic.code, generic.message, instance, checks);
      }
    }
    if (this.isFastifyClientError(exception)) {
      const status = exception.statusCode;
      const generic = GENERIC[status] ?? GENERIC[400];
      return this.body(status, generic.code, generic.message, instance, { detail: exception.message });
    }
    if (isTransientError(exception)) return this.unavailable(exception, instance, method);
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId }, 'unhandled error');
    return this.body(500, INTERNAL.code, INTERNAL.message, instance, { errorId });
  }

  /**
   * A dependency (database, Redis, Kafka) down is the service's state, not a bug: 503 with Retry-After,
   * logged as a warning. A write whose connection broke after it may have reached the database (during a
   * statement or its COMMIT) is OUTCOME_UNKNOWN, so a client retries it with its Idempotency-Key.
   */
  private unavailable(exception: unknown, instance: string, method: string): ProblemBody {
    const errorId = randomUUID();
    const unknown = !SAFE_METHODS.has(method.toUpperCase()) && !isNotAppliedError(exception);
    const problem = unknown
      ? PlatformProblems.outcomeUnknown(errorId)
      : PlatformProblems.serviceUnavailable(errorId);
    this.logger.warn({ err: exception, errorId, code: problem.code }, 'dependency unavailable');
    return this.body(problem.status, problem.code, problem.messages, instance, problem.extra);
  }

  private isFastifyClientError(e: unknown): e is { statusCode: number; message: string } {
    if (typeof e !== 'object' || e === null || !('statusCode' in e)) return false;
    const code = e.statusCode;
    return typeof code === 'number' && code >= 400 && code < 500;
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
