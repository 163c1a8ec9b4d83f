import { createHmac } from 'node:crypto';

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
    'x-careplan-timestamp': String(input.timestamp),
    'x-careplan-signature': signWebhook(input.secret, input.timestamp, input.body),
  };
}
