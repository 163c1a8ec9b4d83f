import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { Queues } from '@careplan/contracts';
import { RouterEnv } from '../config/router.env';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookJobData } from './webhook-job';
import { WebhookPushesRepository } from './webhook-pushes.repository';

const PRUNE_EVERY_MS = 3_600_000;
// Far longer than BullMQ keeps a completed job (a week): a job can only run again while it exists.
const KEEP_PUSHES_DAYS = 30;

/** Runs WebhookDeliveryProcessor on the `webhook-delivery` queue for the life of the service. */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookWorker.name);
  private worker: Worker<WebhookJobData> | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly env: RouterEnv,
    private readonly processor: WebhookDeliveryProcessor,
    private readonly pushes: WebhookPushesRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<WebhookJobData>(Queues.WebhookDelivery, (job) => this.processor.process(job), {
      connection: this.redis,
      prefix: this.env.BULLMQ_PREFIX,
      concurrency: this.env.WEBHOOK_CONCURRENCY,
    });
    // Connection trouble: BullMQ reconnects by itself; without a listener it would crash the process.
    this.worker.on('error', (e) => this.logger.warn(`webhook worker: ${e.message}`));
    this.prune();
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS).unref();
  }

  private prune(): void {
    this.pushes.prune(KEEP_PUSHES_DAYS).catch((e: unknown) => {
      this.logger.warn(`pruning the record of sent pushes failed: ${String(e)}`);
    });
  }

  // Before the HTTP server closes, which disconnects the shared Redis connection (main.ts).
  async onModuleDestroy(): Promise<void> {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.worker?.close();
  }
}
