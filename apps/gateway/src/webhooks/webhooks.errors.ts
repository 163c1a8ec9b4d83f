import { HttpStatus } from '@nestjs/common';
import { AppException } from '@careplan/platform';

export const WebhookErrors = {
  notConfigured: () =>
    new AppException('WEBHOOK_NOT_CONFIGURED', HttpStatus.NOT_FOUND, {
      ja: 'Webhook が設定されていません。',
      en: 'No webhook is configured for this office.',
    }),
  urlInvalid: (url: string) =>
    new AppException(
      'WEBHOOK_URL_INVALID',
      HttpStatus.UNPROCESSABLE_ENTITY,
      {
        ja: 'Webhook の URL は http または https の絶対 URL で指定してください。',
        en: 'The webhook URL must be an absolute http or https URL.',
      },
      { url: url.slice(0, 200) },
    ),
  urlPrivate: (url: string, host: string) =>
    new AppException(
      'WEBHOOK_URL_PRIVATE',
      HttpStatus.UNPROCESSABLE_ENTITY,
      {
        ja: `Webhook の URL にループバック・プライベート・リンクローカルなどの公開されていないアドレス（${host}）は指定できません。`,
        en: `The webhook URL must not point at a loopback, private, link-local or other non-public address (${host}).`,
      },
      { url: url.slice(0, 200), host },
    ),
};
