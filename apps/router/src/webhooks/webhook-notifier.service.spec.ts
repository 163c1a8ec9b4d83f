import { happenedSinceConfigured } from './webhook-notifier.service';

describe('happenedSinceConfigured', () => {
  const configuredAt = new Date('2026-11-01T10:00:00.000Z');

  it('pushes what happens after the endpoint was set, within a minute of clock skew', () => {
    expect(happenedSinceConfigured('2026-11-01T10:00:00.001Z', configuredAt)).toBe(true);
    expect(happenedSinceConfigured('2026-11-01T09:59:30.000Z', configuredAt)).toBe(true);
  });

  it('does not push older history (a new consumer group replaying the topics)', () => {
    expect(happenedSinceConfigured('2026-11-01T09:58:59.999Z', configuredAt)).toBe(false);
    expect(happenedSinceConfigured('2025-04-01T00:00:00.000Z', configuredAt)).toBe(false);
  });
});
