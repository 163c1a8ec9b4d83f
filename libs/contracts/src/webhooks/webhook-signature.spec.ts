import { createHmac } from 'node:crypto';
import { signWebhook, webhookHeaders } from './webhook-signature';

describe('webhook signature', () => {
  const body = '{"id":"e1","type":"delivery.delivered"}';

  it('is the hex HMAC-SHA256 of "<timestamp>.<body>" with the secret', () => {
    const expected = createHmac('sha256', 'whsec_x').update(`1764000000.${body}`).digest('hex');
    expect(signWebhook('whsec_x', 1764000000, body)).toBe(`sha256=${expected}`);
  });

  it('changes with the timestamp, the body and the secret', () => {
    const sig = signWebhook('s', 1, body);
    expect(signWebhook('s', 2, body)).not.toBe(sig);
    expect(signWebhook('s', 1, `${body} `)).not.toBe(sig);
    expect(signWebhook('t', 1, body)).not.toBe(sig);
  });

  it('sends the event, its id, the timestamp and the signature as headers', () => {
    const headers = webhookHeaders({
      secret: 's',
      eventId: 'e1',
      type: 'delivery.delivered',
      body,
      timestamp: 7,
    });
    expect(headers).toMatchObject({
      'x-careplan-event': 'delivery.delivered',
      'x-careplan-event-id': 'e1',
      'x-careplan-timestamp': '7',
      'x-careplan-signature': signWebhook('s', 7, body),
    });
  });
});
