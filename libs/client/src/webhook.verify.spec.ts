import { signWebhook, webhookHeaders } from '@careplan/contracts/signing';
import { verifyWebhookSignature } from './webhook.verify';

describe('verifyWebhookSignature', () => {
  const body = '{"id":"e1","type":"delivery.delivered","data":{"name":"モニタリング.pdf"}}';
  const now = 1764000000;
  const pushed = (secret: string, timestamp = now) =>
    webhookHeaders({ secret, eventId: 'e1', type: 'delivery.delivered', body, timestamp });

  it('accepts a push the router signed, as headers of Node or of fetch', () => {
    expect(verifyWebhookSignature('whsec_a', pushed('whsec_a'), body, { now })).toEqual({
      valid: true,
      timestamp: now,
    });
    const headers = new Headers(pushed('whsec_a'));
    expect(verifyWebhookSignature('whsec_a', headers, Buffer.from(body), { now }).valid).toBe(true);
  });

  it('refuses a push signed with another secret', () => {
    expect(verifyWebhookSignature('whsec_a', pushed('whsec_b'), body, { now })).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a changed body', () => {
    const result = verifyWebhookSignature('whsec_a', pushed('whsec_a'), `${body} `, { now });
    expect(result).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('refuses a replay older than the tolerance, and a timestamp from the future', () => {
    const old = pushed('whsec_a', now - 301);
    expect(verifyWebhookSignature('whsec_a', old, body, { now })).toEqual({
      valid: false,
      reason: 'stale-timestamp',
    });
    expect(verifyWebhookSignature('whsec_a', old, body, { now, toleranceSeconds: 600 }).valid).toBe(true);
    const ahead = pushed('whsec_a', now + 301);
    expect(verifyWebhookSignature('whsec_a', ahead, body, { now }).valid).toBe(false);
  });

  it('refuses a timestamp swapped under a valid signature (the timestamp is signed)', () => {
    const headers = { ...pushed('whsec_a'), 'x-careplan-timestamp': String(now + 1) };
    expect(verifyWebhookSignature('whsec_a', headers, body, { now }).valid).toBe(false);
  });

  it('refuses a push without its headers', () => {
    expect(verifyWebhookSignature('s', {}, body, { now })).toEqual({
      valid: false,
      reason: 'missing-headers',
    });
    const unsigned = { 'x-careplan-timestamp': String(now) };
    expect(verifyWebhookSignature('s', unsigned, body, { now }).valid).toBe(false);
    const odd = { 'X-Careplan-Timestamp': String(now), 'X-Careplan-Signature': signWebhook('s', now, body) };
    expect(verifyWebhookSignature('s', odd, body, { now }).valid).toBe(true);
  });
});
