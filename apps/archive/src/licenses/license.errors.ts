import { HttpStatus } from '@nestjs/common';
import { AppException } from '@careplan/platform';

export const LicenseErrors = {
  notFound: (officeNumber: string) =>
    new AppException(
      'LICENSE_NOT_FOUND',
      HttpStatus.NOT_FOUND,
      {
        ja: `事業所「${officeNumber}」のライセンスはありません。`,
        en: `Office ${officeNumber} has no license.`,
      },
      { officeNumber },
    ),
  exists: (officeNumber: string) =>
    new AppException(
      'LICENSE_EXISTS',
      HttpStatus.CONFLICT,
      {
        ja: `事業所「${officeNumber}」には有効なライセンスがあります。`,
        en: `Office ${officeNumber} already has a license in force.`,
      },
      { officeNumber },
    ),
  transition: (officeNumber: string, status: string, action: string) =>
    new AppException(
      'LICENSE_STATE',
      HttpStatus.CONFLICT,
      {
        ja: `ライセンスの状態（${status}）ではこの操作（${action}）はできません。`,
        en: `A ${status} license cannot be ${action}.`,
      },
      { officeNumber, status, action },
    ),
  dateInvalid: (value: string) =>
    new AppException(
      'DATE_INVALID',
      HttpStatus.UNPROCESSABLE_ENTITY,
      { ja: `日付「${value}」は存在しません。`, en: `${value} is not a calendar date.` },
      { value },
    ),
};
