import { HttpStatus } from '@nestjs/common';
import { AppException } from '@careplan/platform';

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
      ja: 'このAPIキーは失効しています。新しいキーの発行を国保連合会に依頼してください。',
      en: 'This API key has been revoked. Ask your federation for a new key.',
    }),
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
