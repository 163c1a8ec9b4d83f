import { createHmac } from 'node:crypto';

// The one definition of a webhook's signature: the router signs with it, @careplan/client verifies with it.

/** Header names of a webhook push (lower case, as Node's http module hands them over). */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-careplan-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'x-careplan-signature';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`: binding the timestamp defeats replays. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookHeaderInput {
  secret: string;
  eventId: string;
  type: string;
  body: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
}

export function webhookHeaders(input: WebhookHeaderInput): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'careplan-exchange-webhook/1',
    'x-careplan-event': input.type,
    'x-careplan-event-id': input.eventId,
    [WEBHOOK_TIMESTAMP_HEADER]: String(input.timestamp),
    [WEBHOOK_SIGNATURE_HEADER]: signWebhook(input.secret, input.timestamp, input.body),
  };
}
