import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Call {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; occurredAt: string; data: Record<string, unknown> };
  status: number;
  at: number;
}

/** A real HTTP endpoint on loopback that records every push and answers what `respond` says. */
export class Receiver {
  readonly calls: Call[] = [];
  respond: (n: number) => number = () => 200;
  private server!: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const status = this.respond(this.calls.length + 1);
        this.calls.push({
          headers: req.headers,
          raw,
          body: JSON.parse(raw) as Call['body'],
          status,
          at: Date.now(),
        });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/careplan/webhook`;
  }

  of(type: string): Call[] {
    return this.calls.filter((c) => c.body.type === type);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
