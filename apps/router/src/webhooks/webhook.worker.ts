import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { Queues } from '@careplan/contracts';
import { RouterEnv } from '../config/router.env';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookJobData } from './webhook-job';

/** Runs WebhookDeliveryProcessor on the `webhook-delivery` queue for the life of the service. */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookWorker.name);
  private worker: Worker<WebhookJobData> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly env: RouterEnv,
    private readonly processor: WebhookDeliveryProcessor,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<WebhookJobData>(Queues.WebhookDelivery, (job) => this.processor.process(job), {
      connection: this.redis,
      prefix: this.env.BULLMQ_PREFIX,
      concurrency: this.env.WEBHOOK_CONCURRENCY,
    });
    // Connection trouble: BullMQ reconnects by itself; without a listener it would crash the process.
    this.worker.on('error', (e) => this.logger.warn(`webhook worker: ${e.message}`));
  }

  // Before the HTTP server closes, which disconnects the shared Redis connection (main.ts).
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }
}
