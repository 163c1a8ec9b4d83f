import { decodeCursor, encodeCursor } from './cursor';

describe('cursor', () => {
  it('round-trips a position', () => {
    const at = new Date('2026-11-01T09:30:00.123Z');
    expect(decodeCursor(encodeCursor({ at, id: 'abc' }))).toEqual({ at, id: 'abc' });
  });

  it.each([
    '',
    'not-base64-!!',
    Buffer.from('2026-13-01|x').toString('base64url'),
    Buffer.from('a|b|c').toString('base64url'),
  ])('rejects %p', (raw) => expect(decodeCursor(raw)).toBeNull());
});
