import { HttpStatus } from '@nestjs/common';
import { AppException } from '@careplan/platform';

export const RegistryErrors = {
  notFound: (officeNumber: string) =>
    new AppException(
      'OFFICE_NOT_FOUND',
      HttpStatus.NOT_FOUND,
      {
        ja: `事業所番号「${officeNumber}」の事業所は登録されていません。`,
        en: `No office ${officeNumber} is registered.`,
      },
      { officeNumber },
    ),
  exists: (officeNumber: string) =>
    new AppException(
      'OFFICE_EXISTS',
      HttpStatus.CONFLICT,
      {
        ja: `事業所番号「${officeNumber}」は登録済みです。`,
        en: `Office ${officeNumber} is already registered.`,
      },
      { officeNumber },
    ),
  checkDigit: (officeNumber: string) =>
    new AppException(
      'OFFICE_NUMBER_CHECK_DIGIT',
      HttpStatus.UNPROCESSABLE_ENTITY,
      {
        ja: `事業所番号「${officeNumber}」のチェックデジットが正しくありません。番号を確認してください。`,
        en: `The check digit of office number ${officeNumber} is wrong. Check the number.`,
      },
      { officeNumber },
    ),
  inactive: (officeNumber: string) =>
    new AppException(
      'OFFICE_INACTIVE',
      HttpStatus.CONFLICT,
      {
        ja: `事業所「${officeNumber}」は廃止（無効化）されています。`,
        en: `Office ${officeNumber} has been deactivated.`,
      },
      { officeNumber },
    ),
  keyNotFound: (keyId: string) =>
    new AppException(
      'API_KEY_NOT_FOUND',
      HttpStatus.NOT_FOUND,
      { ja: 'APIキーが見つかりません。', en: 'No such API key.' },
      { keyId },
    ),
};
