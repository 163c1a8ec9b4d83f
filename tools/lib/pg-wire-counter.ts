// Counts the round trips a PostgreSQL client makes, from the bytes it sends (frontend protocol v3): each
// simple Query ('Q') and each Sync ('S', the end of an extended-protocol exchange) is one wait for the server.
// pg_stat_statements is not loaded on this machine, and pg_stat_database counts transactions only.

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/** Reads one connection's client → server stream chunk by chunk; messages may span chunks. */
export class PgWireCounter {
  roundTrips = 0;
  /** The next header is untyped (startup, SSL request) rather than type byte + length. */
  private untyped = true;
  private header = Buffer.alloc(0);
  /** Bytes of the current message's body still to skip. */
  private skip = 0;

  feed(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      // A header: 1 type byte + int32 length, or (startup, SSL request) an int32 length + int32 code.
      const need = this.untyped ? 8 : 5;
      const take = Math.min(need - this.header.length, chunk.length - i);
      this.header = Buffer.concat([this.header, chunk.subarray(i, i + take)]);
      i += take;
      if (this.header.length < need) return;
      if (this.untyped) {
        const length = this.header.readInt32BE(0);
        const code = this.header.readInt32BE(4);
        // After an SSL or GSS request the client sends its startup message, untyped too.
        this.untyped = code === SSL_REQUEST || code === GSSENC_REQUEST;
        this.skip = Math.max(0, length - 8);
      } else {
        const type = this.header[0];
        if (type === 0x51 /* Q */ || type === 0x53 /* S */) this.roundTrips++;
        this.skip = Math.max(0, this.header.readInt32BE(1) - 4);
      }
      this.header = Buffer.alloc(0);
    }
  }
}
