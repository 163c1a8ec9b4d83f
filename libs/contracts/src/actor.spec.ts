import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { actorText } from './actor';
import { DeliveryAcknowledgedEvent, SubmissionReceivedEvent } from './events';
import { ApiKeyRevokedEvent } from './registry.events';

const received = (extra: object) => ({
  eventId: randomUUID(),
  occurredAt: '2026-11-01T00:00:00.000Z',
  submissionId: randomUUID(),
  senderOfficeNumber: '1371201367',
  receiverOfficeNumber: '1371500420',
  files: [
    {
      fileId: randomUUID(),
      name: 'memo.txt',
      kind: 'attachment',
      contentType: 'text/plain',
      size: 1,
      sha256: 'a'.repeat(64),
    },
  ],
  ...extra,
});
const errorsOf = (cls: new () => object, plain: object) =>
  validateSync(plainToInstance(cls, plain)).map((e) => e.property);

describe('the actor of an event', () => {
  const actor = { type: 'staff', id: randomUUID(), label: 'yamada' };

  it('is optional: events of gateways before actors still validate', () => {
    expect(errorsOf(SubmissionReceivedEvent, received({}))).toEqual([]);
    expect(errorsOf(SubmissionReceivedEvent, received({ actor }))).toEqual([]);
  });

  it('is checked when present, in every event that carries one', () => {
    expect(errorsOf(SubmissionReceivedEvent, received({ actor: { ...actor, type: 'robot' } }))).toEqual([
      'actor',
    ]);
    const ack = {
      ...received({}),
      deliveryId: randomUUID(),
      actor: { type: 'key', id: 'not-a-uuid', label: '' },
    };
    expect(errorsOf(DeliveryAcknowledgedEvent, ack)).toEqual(['actor']);
    const revoked = {
      eventId: randomUUID(),
      occurredAt: '2026-11-01T00:00:00.000Z',
      officeNumber: '1371201367',
      keyId: randomUUID(),
      actor: { type: 'key', id: randomUUID() },
    };
    expect(errorsOf(ApiKeyRevokedEvent, revoked)).toEqual(['actor']);
  });

  it('names an operator on key events only, never on a submission or a receipt step', () => {
    const operator = { type: 'operator', id: randomUUID(), label: '東京都国保連' };
    const revoked = {
      eventId: randomUUID(),
      occurredAt: '2026-11-01T00:00:00.000Z',
      officeNumber: '1371201367',
      keyId: randomUUID(),
      source: 'operator',
    };
    expect(errorsOf(ApiKeyRevokedEvent, { ...revoked, actor: operator })).toEqual([]);
    expect(errorsOf(SubmissionReceivedEvent, received({ actor: operator }))).toEqual(['actor']);
    expect(
      errorsOf(DeliveryAcknowledgedEvent, { ...received({}), deliveryId: randomUUID(), actor: operator }),
    ).toEqual(['actor']);
    expect(actorText({ type: 'operator', id: 'o', label: '東京都国保連' })).toBe('operator:東京都国保連');
  });

  it('reads as a short text: its label, else its id', () => {
    expect(actorText({ type: 'staff', id: 'u', label: 'yamada' })).toBe('staff:yamada');
    expect(actorText({ type: 'key', id: 'k', label: '' })).toBe('key:k');
    expect(actorText(null)).toBe('');
  });
});
