import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';

export const WebhookErrors = {
  notConfigured: () => problem(Problems.WEBHOOK_NOT_CONFIGURED),
  urlInvalid: (url: string) => problem(Problems.WEBHOOK_URL_INVALID, {}, { url: url.slice(0, 200) }),
  urlPrivate: (url: string, host: string) =>
    problem(Problems.WEBHOOK_URL_PRIVATE, { host }, { url: url.slice(0, 200), host }),
};
