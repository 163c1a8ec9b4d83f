import { HttpStatus } from '@nestjs/common';
import { AppException } from '@careplan/platform';

export const InboxErrors = {
  notFound: () =>
    new AppException('DELIVERY_NOT_FOUND', HttpStatus.NOT_FOUND, {
      ja: '受信データが見つかりません。',
      en: 'Delivery not found.',
    }),
  fileNotFound: () =>
    new AppException('FILE_NOT_FOUND', HttpStatus.NOT_FOUND, {
      ja: 'ファイルが見つかりません。',
      en: 'File not found.',
    }),
  notStandardCsv: (file: string) =>
    new AppException(
      'FILE_NOT_STANDARD_CSV',
      HttpStatus.UNPROCESSABLE_ENTITY,
      {
        ja: `ファイル「${file}」は標準仕様のCSVファイルではないため、レコードとして表示できません。ファイルをダウンロードしてください。`,
        en: `File "${file}" is not a standard CSV file, so it has no records. Download the file instead.`,
      },
      { file },
    ),
  recordsUnreadable: (file: string, reason: string) =>
    new AppException(
      'RECORDS_UNREADABLE',
      HttpStatus.UNPROCESSABLE_ENTITY,
      {
        ja: `ファイル「${file}」をレコードとして読み取れません（${reason}）。ファイルをダウンロードしてください。`,
        en: `File "${file}" cannot be read as records (${reason}). Download the file instead.`,
      },
      { file, reason },
    ),
};
