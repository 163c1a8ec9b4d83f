import { createServer, IncomingMessage, Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { BenchBundle } from './bench-bundle';
import { sleep } from './chaos-system';

/** What the client finally got for one bundle, after retrying with the same Idempotency-Key. */
export interface Outcome {
  key: string;
  sender: string;
  receiver: string;
  /** Submission id of the first 202, null when the client gave up. */
  id: string | null;
  /** Every distinct id the gateway answered for this key: more than one is a duplicate. */
  ids: Set<string>;
  attempts: number;
  acceptedAt: number | null;
  /** The last failure when the client gave up (HTTP status and code, or the network error). */
  error: string | null;
}

/** Answers the client retries: the gateway or a dependency behind it is away, so the same key is sent again. */
const RETRYABLE = (status: number) => status === 429 || status >= 500;

/**
 * A vendor client that sends one bundle and retries it with the same Idempotency-Key on network errors,
 * 429 and 5xx until `deadline` (ms since epoch), as the exchange's API contract tells vendors to.
 */
export async function sendUntilAccepted(
  gateway: string,
  apiKey: string,
  outcome: Outcome,
  bundle: BenchBundle,
  deadline: number,
): Promise<void> {
  for (;;) {
    outcome.attempts++;
    const form = new FormData();
    form.append('to', outcome.receiver);
    for (const f of bundle.files) form.append('files', new Blob([Buffer.from(f.bytes)]), f.name);
    let retry = true;
    try {
      const res = await fetch(new URL('/v1/submissions', gateway), {
        method: 'POST',
        headers: { 'x-api-key': apiKey, 'idempotency-key': outcome.key },
        body: form,
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await res.json().catch(() => ({}))) as { id?: string; code?: string };
      if (res.ok && body.id) {
        outcome.ids.add(body.id);
        outcome.id ??= body.id;
        outcome.acceptedAt ??= Date.now();
        outcome.error = null;
        return;
      }
      outcome.error = `${res.status} ${body.code ?? ''}`.trim();
      retry = RETRYABLE(res.status);
    } catch (e) {
      outcome.error = `network ${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name}`;
    }
    if (!retry || Date.now() > deadline) return;
    await sleep(500);
  }
}

/** Sends `rate` bundles a second until `stop()` and resolves when every client is done retrying. */
export function steadyLoad(
  rate: number,
  send: (n: number) => Promise<void>,
): { stop: () => Promise<number> } {
  let running = true;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  const loop = (async () => {
    for (let n = 0; running; n++) {
      inFlight.push(send(n));
      const due = t0 + ((n + 1) * 1000) / rate;
      await sleep(Math.max(0, due - performance.now()));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await Promise.all(inFlight);
      return inFlight.length;
    },
  };
}

/** Pushes received, counted per receiving office and webhook id (`X-Careplan-Event-Id`). */
export class WebhookReceiver {
  private server: Server | null = null;
  readonly received = new Map<string, { count: number; type: string; submissionId: string }>();
  port = 0;

  urlFor(office: string): string {
    return `http://127.0.0.1:${this.port}/hooks/${office}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const office = (req.url ?? '').split('/').pop() ?? '';
        const id = headerOf(req, 'x-careplan-event-id');
        const body = safeJson(raw);
        const key = `${office}:${id}`;
        const seen = this.received.get(key);
        if (seen) seen.count++;
        else {
          this.received.set(key, {
            count: 1,
            type: headerOf(req, 'x-careplan-event') || (typeof body.type === 'string' ? body.type : ''),
            submissionId: String((body.data as { submissionId?: string } | undefined)?.submissionId ?? ''),
          });
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    const address = this.server.address();
    if (typeof address === 'object' && address) this.port = address.port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function safeJson(raw: string): Record<string, unknown> {
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function headerOf(req: IncomingMessage, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}
