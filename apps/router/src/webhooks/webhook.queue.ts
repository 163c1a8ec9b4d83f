import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Queues } from '@careplan/contracts';
import { RouterEnv } from '../config/router.env';
import { WebhookJobData, webhookJobId } from './webhook-job';

const DAY_S = 24 * 3600;
// Completed jobs stay a week (their ids keep blocking duplicates); failed ones a month, beside the
// dead-letter rows that outlive them.
const KEEP_COMPLETED = { age: 7 * DAY_S, count: 100_000 };
const KEEP_FAILED = { age: 30 * DAY_S };

export type ReplayResult = 'requeued' | 'in-flight' | 'already-delivered';

/** The `webhook-delivery` queue: adds pushes with the configured retry policy, and re-adds dead ones. */
@Injectable()
export class WebhookQueue implements OnModuleDestroy {
  readonly queue: Queue<WebhookJobData>;

  constructor(
    redis: Redis,
    private readonly env: RouterEnv,
  ) {
    this.queue = new Queue<WebhookJobData>(Queues.WebhookDelivery, {
      connection: redis,
      prefix: env.BULLMQ_PREFIX,
    });
  }

  /** Adding a job whose id exists already is a no-op in BullMQ: one push per event and office. */
  async enqueue(data: WebhookJobData): Promise<void> {
    await this.queue.add(data.type, data, {
      jobId: webhookJobId(data.eventId, data.officeNumber),
      attempts: this.env.WEBHOOK_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.env.WEBHOOK_BACKOFF_MS },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
  }

  /** Gives a dead push a fresh attempt budget: the failed job again, or a new one if it was removed. */
  async replay(jobId: string, data: WebhookJobData): Promise<ReplayResult> {
    const job = await this.queue.getJob(jobId);
    if (!job) {
      await this.enqueue(data);
      return 'requeued';
    }
    const state = await job.getState();
    if (state === 'completed') return 'already-delivered';
    if (state !== 'failed') return 'in-flight';
    try {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } catch (e) {
      // A concurrent replay moved it first (BullMQ: "not in the failed state"): judge it as it is now.
      const now = await job.getState();
      if (now === 'failed') throw e;
      if (now === 'completed') return 'already-delivered';
      if (now === 'unknown') {
        await this.enqueue(data);
        return 'requeued';
      }
      return 'in-flight';
    }
    return 'requeued';
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}
