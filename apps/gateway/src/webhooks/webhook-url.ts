import { isURL } from 'class-validator';

/**
 * True for an absolute http(s) URL with a host and no embedded credentials, that the router's event
 * validation (WebhookConfiguredEvent) accepts too.
 */
export function isWebhookUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === '' &&
    isURL(raw, { require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  );
}
