// The worker side of WorkerPool. Imports nothing else: every worker thread loads this and its task's code only.
import { parentPort } from 'node:worker_threads';

export type WorkerReply = { ok: true; value: unknown } | { ok: false; message: string; name: string };

/** The worker side: answers each message with fn's result (or its error) to the pool. */
export function serveWorker<I, O>(fn: (input: I) => O): void {
  if (!parentPort) throw new Error('serveWorker runs in a worker thread');
  const port = parentPort;
  port.on('message', (input: I) => {
    let reply: WorkerReply;
    try {
      reply = { ok: true, value: fn(input) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { ok: false, message: err.message, name: err.name };
    }
    port.postMessage(reply);
  });
}
