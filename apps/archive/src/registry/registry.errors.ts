import { HttpStatus } from '@nestjs/common';
import { AppException, OfficeProblems } from '@careplan/platform';

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
  inactive: OfficeProblems.inactive,
  keyNotFound: OfficeProblems.keyNotFound,
};
