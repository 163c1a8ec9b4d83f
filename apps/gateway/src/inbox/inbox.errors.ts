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
};
