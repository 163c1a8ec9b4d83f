import { defineProblems } from './app.exception';

/** Seconds a client is told to wait (Retry-After) when a dependency of the service is down. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/**
 * The problems the platform itself raises, whatever the service or route: a dependency down, a write whose
 * outcome is unknown, a body no route could use, the rate limit, and the framework's own refusals (the
 * ValidationPipe's, the router's, the HTTP parser's). They are part of the one registry, `Problems` in
 * libs/contracts/src/problems.ts, which spreads this list in; they are written here only because platform
 * code raises them and libs/platform cannot import libs/contracts.
 */
export const PLATFORM_PROBLEMS = defineProblems({
  SERVICE_UNAVAILABLE: {
    status: 503,
    ja: '一時的に利用できません（この要求は反映されていません）。しばらくしてから再度お試しください。',
    en: 'Temporarily unavailable (this request was not applied). Please retry shortly.',
  },
  OUTCOME_UNKNOWN: {
    status: 503,
    ja:
      '処理中にデータベース等との接続が切れたため、この要求が反映されたか確認できません。' +
      '送信は同じ Idempotency-Key を付けて再送してください（二重には登録されません）。' +
      'その他の操作は現在の状態を確認してから再度お試しください。',
    en:
      'The connection to the database or another dependency was lost while this request was applied, ' +
      'so it may or may not have taken effect. Retry a submission with the same Idempotency-Key ' +
      '(it is never stored twice); for other changes, check the current state before retrying.',
  },
  /** The work is refused before it starts: nothing was applied. */
  SERVICE_BUSY: {
    status: 503,
    ja: '処理が混み合っています（この要求は処理されていません）。{retryAfter} 秒後に再度お試しください。',
    en: 'The service is busy (this request was not processed). Retry in {retryAfter} seconds.',
  },
  INTERNAL_ERROR: {
    status: 500,
    ja: 'サーバー内部でエラーが発生しました。errorId をお知らせください。',
    en: 'An internal error occurred. Please report the errorId.',
  },
  JSON_TOO_DEEP: {
    status: 400,
    ja: 'JSON の入れ子が深すぎます（最大 {maxDepth} 段）。',
    en: 'The JSON body is nested too deeply (at most {maxDepth} levels).',
  },
  INVALID_CHARACTER: {
    status: 400,
    ja: '文字列に使用できない文字（NUL, U+0000）が含まれています。',
    en: 'A string contains a character that cannot be stored (NUL, U+0000).',
  },
  CURSOR_INVALID: {
    status: 400,
    ja: 'cursor の値が正しくありません。',
    en: 'The cursor is not valid.',
  },
  RATE_LIMITED: {
    status: 429,
    ja: 'リクエストが多すぎます。{retryAfter} 秒後に再度お試しください。',
    en: 'Too many requests. Retry in {retryAfter} seconds.',
  },
  INTERNAL_TOKEN_INVALID: {
    status: 401,
    ja: '内部APIの認証に失敗しました。',
    en: 'Internal API authentication failed.',
  },
  // The framework's refusals, one per status (ProblemFilter picks them by status): the ValidationPipe's
  // (BAD_REQUEST, with the failed constraints as `details`), the router's and the HTTP parser's.
  BAD_REQUEST: { status: 400, ja: 'リクエストが正しくありません。', en: 'The request is malformed.' },
  UNAUTHORIZED: { status: 401, ja: '認証が必要です。', en: 'Authentication is required.' },
  FORBIDDEN: { status: 403, ja: 'この操作は許可されていません。', en: 'This operation is not allowed.' },
  NOT_FOUND: { status: 404, ja: '見つかりません。', en: 'Not found.' },
  METHOD_NOT_ALLOWED: { status: 405, ja: 'このメソッドは使えません。', en: 'Method not allowed.' },
  NOT_ACCEPTABLE: { status: 406, ja: '要求された形式では返せません。', en: 'Not acceptable.' },
  REQUEST_TIMEOUT: {
    status: 408,
    ja: 'リクエストの受信が時間内に終わりませんでした。',
    en: 'The request took too long to arrive.',
  },
  CONFLICT: { status: 409, ja: '現在の状態と矛盾します。', en: 'Conflicts with the current state.' },
  PAYLOAD_TOO_LARGE: { status: 413, ja: '送信データが大きすぎます。', en: 'The payload is too large.' },
  URI_TOO_LONG: { status: 414, ja: 'URL が長すぎます。', en: 'The URL is too long.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, ja: 'この形式は受け付けません。', en: 'Unsupported media type.' },
  UNPROCESSABLE: { status: 422, ja: '内容を処理できません。', en: 'The content cannot be processed.' },
  TOO_MANY_REQUESTS: { status: 429, ja: 'リクエストが多すぎます。', en: 'Too many requests.' },
  HEADERS_TOO_LARGE: {
    status: 431,
    ja: 'リクエストヘッダーが大きすぎます。',
    en: 'The request headers are too large.',
  },
});

/** The framework refusal ProblemFilter answers for an HttpException or a Fastify client error of a status. */
export const FRAMEWORK_PROBLEMS: Readonly<
  Record<number, (typeof PLATFORM_PROBLEMS)[keyof typeof PLATFORM_PROBLEMS]>
> = {
  400: PLATFORM_PROBLEMS.BAD_REQUEST,
  401: PLATFORM_PROBLEMS.UNAUTHORIZED,
  403: PLATFORM_PROBLEMS.FORBIDDEN,
  404: PLATFORM_PROBLEMS.NOT_FOUND,
  405: PLATFORM_PROBLEMS.METHOD_NOT_ALLOWED,
  406: PLATFORM_PROBLEMS.NOT_ACCEPTABLE,
  408: PLATFORM_PROBLEMS.REQUEST_TIMEOUT,
  409: PLATFORM_PROBLEMS.CONFLICT,
  413: PLATFORM_PROBLEMS.PAYLOAD_TOO_LARGE,
  414: PLATFORM_PROBLEMS.URI_TOO_LONG,
  415: PLATFORM_PROBLEMS.UNSUPPORTED_MEDIA_TYPE,
  422: PLATFORM_PROBLEMS.UNPROCESSABLE,
  429: PLATFORM_PROBLEMS.TOO_MANY_REQUESTS,
  431: PLATFORM_PROBLEMS.HEADERS_TOO_LARGE,
  503: PLATFORM_PROBLEMS.SERVICE_UNAVAILABLE,
};
