import { PgWireCounter } from './pg-wire-counter';

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const typed = (type: string, body: Buffer) =>
  Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
const startup = Buffer.concat([int32(8 + 9), int32(196608), Buffer.from('user\0pg\0\0')]);
const query = typed('Q', Buffer.from('SELECT 1\0'));
const extended = Buffer.concat([
  typed('P', Buffer.from('\0SELECT $1\0\0\0')),
  typed('B', Buffer.from('\0\0\0\0\0\0\0\0')),
  typed('E', Buffer.from('\0\0\0\0\0')),
  typed('S', Buffer.alloc(0)),
]);

describe('PgWireCounter', () => {
  it('counts a simple query and an extended exchange after the startup message as two round trips', () => {
    const c = new PgWireCounter();
    c.feed(Buffer.concat([startup, query, extended]));
    expect(c.roundTrips).toBe(2);
  });

  it('counts the same when every byte arrives on its own', () => {
    const c = new PgWireCounter();
    for (const byte of Buffer.concat([startup, typed('p', Buffer.from('pw\0')), query, extended, query])) {
      c.feed(Buffer.from([byte]));
    }
    expect(c.roundTrips).toBe(3);
  });

  it('reads the startup message that follows an SSL request as untyped too', () => {
    const c = new PgWireCounter();
    c.feed(Buffer.concat([int32(8), int32(80877103), startup, query]));
    expect(c.roundTrips).toBe(1);
  });

  it('does not mistake a Q or S inside a message body for a message', () => {
    const c = new PgWireCounter();
    c.feed(Buffer.concat([startup, typed('d', Buffer.from('QQQQSSSS')), query]));
    expect(c.roundTrips).toBe(1);
  });
});
