import { timingSafeEqual } from 'node:crypto';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@careplan/contracts/signing';

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface WebhookVerifyOptions {
  /** How old (or how far ahead) a push's timestamp may be: replays outside it are refused. Default 300. */
  toleranceSeconds?: number;
  /** Unix seconds now (tests). */
  now?: number;
}

export type WebhookVerification =
  | { valid: true; timestamp: number }
  | { valid: false; reason: 'missing-headers' | 'stale-timestamp' | 'bad-signature' };

/**
 * Checks a webhook push as the router signs it (the same signWebhook): the HMAC of "<timestamp>.<raw body>" with
 * the endpoint's secret, and a timestamp within the tolerance. Pass the body exactly as received, not re-serialized.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: WebhookHeaders,
  rawBody: string | Uint8Array,
  options: WebhookVerifyOptions = {},
): WebhookVerification {
  const timestampText = header(headers, WEBHOOK_TIMESTAMP_HEADER);
  const signature = header(headers, WEBHOOK_SIGNATURE_HEADER);
  const timestamp = Number(timestampText);
  if (!timestampText || !signature || !Number.isInteger(timestamp))
    return { valid: false, reason: 'missing-headers' };
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300))
    return { valid: false, reason: 'stale-timestamp' };
  const body = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { valid: false, reason: 'bad-signature' };
  }
  return { valid: true, timestamp };
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}
