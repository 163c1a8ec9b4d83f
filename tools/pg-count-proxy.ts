// A TCP proxy in front of PostgreSQL for the benchmark (scripts/bench.sh), one listener per named client
// (gateway, validator, ...), counting each client's round trips (see lib/pg-wire-counter.ts):
//   node dist/tools/pg-count-proxy.js gateway validator router archive ceiling
// Prints {"ports":{name:port,...},"control":port} on stdout once listening; GET http://127.0.0.1:<control>/
// answers {name:{roundTrips,connections}}. Forwards to PGHOST:PGPORT (127.0.0.1:5432).
import { createServer as httpServer } from 'node:http';
import { connect, createServer, type Server } from 'node:net';
import { PgWireCounter } from './lib/pg-wire-counter';

interface Tally {
  roundTrips: number;
  connections: number;
  /** Counters of the open connections (a closed one's count is folded into roundTrips). */
  open: Set<PgWireCounter>;
}

const targetHost = process.env.PGHOST || '127.0.0.1';
const targetPort = Number(process.env.PGPORT || 5432);
const names = process.argv.slice(2);
if (names.length === 0) {
  process.stderr.write('usage: pg-count-proxy NAME...\n');
  process.exit(2);
}

function listen(server: Server | ReturnType<typeof httpServer>): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    });
  });
}

async function main(): Promise<void> {
  const tallies = new Map<string, Tally>();
  const ports: Record<string, number> = {};
  for (const name of names) {
    const tally: Tally = { roundTrips: 0, connections: 0, open: new Set() };
    tallies.set(name, tally);
    const server = createServer((client) => {
      const counter = new PgWireCounter();
      tally.connections++;
      tally.open.add(counter);
      const upstream = connect(targetPort, targetHost);
      client.setNoDelay(true);
      upstream.setNoDelay(true);
      client.on('data', (chunk: Buffer) => {
        counter.feed(chunk);
        if (!upstream.write(chunk)) client.pause();
      });
      upstream.on('drain', () => client.resume());
      upstream.pipe(client);
      const close = () => {
        if (tally.open.delete(counter)) tally.roundTrips += counter.roundTrips;
        client.destroy();
        upstream.destroy();
      };
      for (const s of [client, upstream]) {
        s.on('error', close);
        s.on('close', close);
      }
    });
    ports[name] = await listen(server);
  }
  const control = httpServer((_req, res) => {
    const out: Record<string, { roundTrips: number; connections: number }> = {};
    for (const [name, t] of tallies) {
      let open = 0;
      for (const c of t.open) open += c.roundTrips;
      out[name] = { roundTrips: t.roundTrips + open, connections: t.connections };
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(out));
  });
  const controlPort = await listen(control);
  process.stdout.write(JSON.stringify({ ports, control: controlPort }) + '\n');
  process.on('SIGTERM', () => process.exit(0));
}

void main();
