import { WorkerPool, WorkerPoolFullError } from './worker-pool';

// The protocol of serveWorker, inline: a worker that spins `ms` on its own thread, or fails as told.
const SPINNER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ ms, fail, die }) => {
  if (die) process.exit(3);
  if (fail) return parentPort.postMessage({ ok: false, message: fail, name: 'RangeError' });
  const end = Date.now() + ms;
  while (Date.now() < end);
  parentPort.postMessage({ ok: true, value: ms });
});`;

type Task = { ms?: number; fail?: string; die?: boolean };
const pool = (size: number, maxQueue: number) =>
  new WorkerPool<Task, number>(SPINNER, { name: 'test', size, maxQueue, workerOptions: { eval: true } });

describe('WorkerPool', () => {
  it('runs CPU-bound tasks off the event loop, which keeps answering meanwhile', async () => {
    const p = pool(1, 4);
    try {
      const started = Date.now();
      const task = p.run({ ms: 800 });
      // The timer is the probe, not a wait: it fires late if the spinning task blocks the event loop.
      const tick = await new Promise<number>((resolve) =>
        setTimeout(() => resolve(Date.now() - started), 20),
      );
      expect(tick).toBeLessThan(400);
      expect(await task).toBe(800);
    } finally {
      await p.close();
    }
  });

  it('queues up to maxQueue tasks behind its workers and refuses the next at once', async () => {
    const p = pool(1, 1);
    try {
      const running = p.run({ ms: 300 });
      const queued = p.run({ ms: 1 });
      await expect(p.run({ ms: 1 })).rejects.toBeInstanceOf(WorkerPoolFullError);
      expect(p.load).toEqual({ running: 1, queued: 1 });
      expect(await Promise.all([running, queued])).toEqual([300, 1]);
    } finally {
      await p.close();
    }
  });

  it("fails a task with its worker's error, replaces a worker that died and goes on", async () => {
    const p = pool(1, 2);
    try {
      await expect(p.run({ fail: 'bad input' })).rejects.toMatchObject({
        name: 'RangeError',
        message: 'bad input',
      });
      const died = p.run({ die: true });
      const after = p.run({ ms: 5 });
      await expect(died).rejects.toThrow('exited with code 3');
      expect(await after).toBe(5);
    } finally {
      await p.close();
    }
  });
});
