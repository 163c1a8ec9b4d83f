import { HttpStatus } from '@nestjs/common';
import { AppException, OfficeProblems } from '@careplan/platform';

export const OfficeErrors = {
  keyMissing: () =>
    new AppException('API_KEY_MISSING', HttpStatus.UNAUTHORIZED, {
      ja: 'APIキーがありません。X-API-Key ヘッダーに事業所のAPIキーを指定してください。',
      en: 'No API key. Send your office API key in the X-API-Key header.',
    }),
  keyInvalid: () =>
    new AppException('API_KEY_INVALID', HttpStatus.UNAUTHORIZED, {
      ja: 'APIキーが正しくありません。',
      en: 'The API key is not valid.',
    }),
  keyRevoked: () =>
    new AppException('API_KEY_REVOKED', HttpStatus.UNAUTHORIZED, {
      ja: 'このAPIキーは失効しています。有効なキーで新しいキーを発行するか、国保連合会に依頼してください。',
      en: 'This API key has been revoked. Issue a new one with a valid key, or ask your federation.',
    }),
  // A key issued by an operator before the office's registry events reached the gateway: it works once they have.
  officeNotRegistered: () =>
    new AppException('OFFICE_NOT_REGISTERED', HttpStatus.FORBIDDEN, {
      ja: 'このAPIキーの事業所はまだゲートウェイに登録されていません。しばらくしてから再度お試しください。',
      en: "This API key's office is not registered at the gateway yet. Please retry shortly.",
    }),
  keyNotFound: OfficeProblems.keyNotFound,
  keyLimit: (limit: number) =>
    new AppException(
      'API_KEY_LIMIT_REACHED',
      HttpStatus.CONFLICT,
      {
        ja: `有効なAPIキーが上限（${limit}）に達しています。使っていないキーを失効させてください。`,
        en: `The office already has ${limit} active API keys. Revoke keys that are no longer used.`,
      },
      { limit },
    ),
  officeInactive: OfficeProblems.inactive,
  officeNumberInvalid: (value: string) =>
    new AppException(
      'OFFICE_NUMBER_INVALID',
      HttpStatus.UNPROCESSABLE_ENTITY,
      {
        ja: `事業所番号「${value}」の形式が正しくありません（10桁）。`,
        en: `Office number "${value}" is not a valid 10-character office number.`,
      },
      { value },
    ),
};
