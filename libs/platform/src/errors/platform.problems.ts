import { HttpStatus } from '@nestjs/common';
import { AppException } from './app.exception';

/** Seconds a client is told to wait (Retry-After) when a dependency of the service is down. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/**
 * Problems that every service answers the same way, whatever the route: a dependency down, a write whose
 * outcome is unknown, a body no route could use. One code, one wording.
 */
export const PlatformProblems = {
  serviceUnavailable: (errorId: string) =>
    new AppException(
      'SERVICE_UNAVAILABLE',
      HttpStatus.SERVICE_UNAVAILABLE,
      {
        ja: '一時的に利用できません（この要求は反映されていません）。しばらくしてから再度お試しください。',
        en: 'Temporarily unavailable (this request was not applied). Please retry shortly.',
      },
      { errorId, retryAfter: DEPENDENCY_RETRY_AFTER_SECONDS },
    ),
  outcomeUnknown: (errorId: string) =>
    new AppException(
      'OUTCOME_UNKNOWN',
      HttpStatus.SERVICE_UNAVAILABLE,
      {
        ja:
          '処理中にデータベース等との接続が切れたため、この要求が反映されたか確認できません。' +
          '送信は同じ Idempotency-Key を付けて再送してください（二重には登録されません）。' +
          'その他の操作は現在の状態を確認してから再度お試しください。',
        en:
          'The connection to the database or another dependency was lost while this request was applied, ' +
          'so it may or may not have taken effect. Retry a submission with the same Idempotency-Key ' +
          '(it is never stored twice); for other changes, check the current state before retrying.',
      },
      { errorId, retryAfter: DEPENDENCY_RETRY_AFTER_SECONDS },
    ),
  /** The work is refused before it starts: nothing was applied. */
  busy: (retryAfter: number) =>
    new AppException(
      'SERVICE_BUSY',
      HttpStatus.SERVICE_UNAVAILABLE,
      {
        ja: `処理が混み合っています（この要求は処理されていません）。${retryAfter} 秒後に再度お試しください。`,
        en: `The service is busy (this request was not processed). Retry in ${retryAfter} seconds.`,
      },
      { retryAfter },
    ),
  jsonTooDeep: (maxDepth: number) =>
    new AppException(
      'JSON_TOO_DEEP',
      HttpStatus.BAD_REQUEST,
      {
        ja: `JSON の入れ子が深すぎます（最大 ${maxDepth} 段）。`,
        en: `The JSON body is nested too deeply (at most ${maxDepth} levels).`,
      },
      { maxDepth },
    ),
  invalidCharacter: () =>
    new AppException('INVALID_CHARACTER', HttpStatus.BAD_REQUEST, {
      ja: '文字列に使用できない文字（NUL, U+0000）が含まれています。',
      en: 'A string contains a character that cannot be stored (NUL, U+0000).',
    }),
};
