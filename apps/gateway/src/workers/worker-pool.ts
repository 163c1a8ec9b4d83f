import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import type { WorkerReply } from './serve-worker';

/** Every worker busy and the queue full: the caller answers 503 (SERVICE_BUSY). */
export class WorkerPoolFullError extends Error {
  constructor(readonly pool: string) {
    super(`worker pool ${pool} is full`);
    this.name = 'WorkerPoolFullError';
  }
}

export interface WorkerPoolOptions {
  /** For logs and errors. */
  name: string;
  /** Workers started (lazily) at most: CPU-heavy tasks beyond that wait in the queue. */
  size: number;
  /** Tasks that may wait for a worker; one more is refused at once. */
  maxQueue: number;
  /** Options of each Worker (execArgv, eval …). */
  workerOptions?: ConstructorParameters<typeof Worker>[1];
}

interface Task {
  input: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
}

/**
 * A fixed pool of worker threads running one script (its `serveWorker` function) task by task, so CPU-heavy
 * work leaves the event loop free for other requests and health checks. Bounded: `size` workers and `maxQueue`
 * waiting tasks, then WorkerPoolFullError. A worker that dies fails its task and is replaced on demand.
 */
export class WorkerPool<I, O> {
  private readonly logger = new Logger(WorkerPool.name);
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private closed = false;

  constructor(
    private readonly script: string | URL,
    private readonly options: WorkerPoolOptions,
  ) {}

  run(input: I): Promise<O> {
    if (this.closed) return Promise.reject(new Error(`worker pool ${this.options.name} is closed`));
    return new Promise<O>((resolve, reject) => {
      const task: Task = { input, resolve: resolve as (v: unknown) => void, reject };
      const slot = this.idleSlot();
      if (slot) this.start(slot, task);
      else if (this.queue.length < this.options.maxQueue) this.queue.push(task);
      else reject(new WorkerPoolFullError(this.options.name));
    });
  }

  /** Tasks running and waiting (a gauge for /metrics). */
  get load(): { running: number; queued: number } {
    return { running: this.slots.filter((s) => s.task !== null).length, queued: this.queue.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error(`worker pool ${this.options.name} is closed`));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private idleSlot(): Slot | null {
    const idle = this.slots.find((s) => s.task === null);
    if (idle) return idle;
    if (this.slots.length >= this.options.size) return null;
    const slot = this.spawn();
    this.slots.push(slot);
    return slot;
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, this.options.workerOptions);
    const slot: Slot = { worker, task: null };
    worker.on('message', (reply: WorkerReply) => this.finish(slot, reply));
    worker.on('error', (e: Error) => this.lose(slot, e));
    worker.on('exit', (code) => this.lose(slot, new Error(`worker exited with code ${code}`)));
    // An idle worker must not keep the process alive.
    worker.unref();
    return slot;
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.ref();
    slot.worker.postMessage(task.input);
  }

  private finish(slot: Slot, reply: WorkerReply): void {
    const task = slot.task;
    slot.task = null;
    slot.worker.unref();
    if (task) {
      if (reply.ok) task.resolve(reply.value);
      else task.reject(Object.assign(new Error(reply.message), { name: reply.name }));
    }
    this.next(slot);
  }

  private lose(slot: Slot, error: Error): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return; // already gone (error then exit)
    this.slots.splice(at, 1);
    if (!this.closed) this.logger.error({ pool: this.options.name, err: error.message }, 'worker died');
    slot.task?.reject(error);
    void slot.worker.terminate();
    const waiting = this.queue.shift();
    if (waiting) {
      const replacement = this.idleSlot();
      if (replacement) this.start(replacement, waiting);
      else this.queue.unshift(waiting);
    }
  }

  private next(slot: Slot): void {
    const task = this.queue.shift();
    if (task) this.start(slot, task);
  }
}
