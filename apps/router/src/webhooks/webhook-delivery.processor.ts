import { Injectable, Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { MetricsService } from '@careplan/platform';
import { RouterEnv } from '../config/router.env';
import { DeadLettersService } from '../dead-letters/dead-letters.service';
import { deliveriesCounter } from '../deliveries/deliveries.metrics';
import { parseWebhookJob, webhookBody, WebhookJobData, webhookJobId } from './webhook-job';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookPushesRepository } from './webhook-pushes.repository';
import { pushWebhook, PushOutcome, PushResult } from './webhook-sender';

// A claim outlives the longest attempt (the POST's timeout) by this much before another run may push.
const CLAIM_MARGIN_MS = 30_000;

/**
 * One attempt of one `webhook-delivery` job: a signed POST to the office's current endpoint.
 * Retries (attempts, exponential backoff) are the queue's, set per job by WebhookQueue from
 * WEBHOOK_ATTEMPTS and WEBHOOK_BACKOFF_MS (defaults in webhook-delivery.policy.ts). A 4xx other than
 * 408/429 is permanent (UnrecoverableError); the last failure becomes a dead letter. Each push is claimed
 * and recorded in PostgreSQL (WebhookPushesRepository), so a run of a job whose push went out is skipped.
 */
@Injectable()
export class WebhookDeliveryProcessor {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);

  constructor(
    private readonly env: RouterEnv,
    private readonly endpoints: WebhookEndpointsService,
    private readonly deadLetters: DeadLettersService,
    private readonly metrics: MetricsService,
    private readonly pushes: WebhookPushesRepository,
  ) {}

  async process(job: Job<WebhookJobData>): Promise<PushOutcome | 'skipped' | 'already-delivered'> {
    const parsed = parseWebhookJob(job.data);
    if ('error' in parsed) throw new UnrecoverableError(`invalid job data: ${parsed.error}`);
    const data = parsed.job;
    const endpoint = await this.endpoints.find(data.officeNumber);
    if (!endpoint) {
      // The office removed its webhook since: nothing to deliver, nothing to dead-letter.
      this.finish('skipped');
      return 'skipped';
    }
    const jobId = job.id ?? webhookJobId(data.eventId, data.officeNumber);
    const claim = await this.pushes.claim(
      jobId,
      data.eventId,
      data.officeNumber,
      this.env.WEBHOOK_TIMEOUT_MS + CLAIM_MARGIN_MS,
    );
    if (claim.state === 'delivered') {
      this.finish('already_delivered');
      return 'already-delivered';
    }
    // Not a failure of the push: retried later, never dead-lettered for it.
    if (claim.state === 'in-flight') throw new Error(`push ${jobId} is in flight in another run`);
    const result = await pushWebhook({
      url: endpoint.url,
      secret: endpoint.secret,
      eventId: data.eventId,
      type: data.type,
      body: webhookBody(data),
      timeoutMs: this.env.WEBHOOK_TIMEOUT_MS,
      addresses: this.env.webhookAddressPolicy(),
    });
    this.countAttempt(result.outcome);
    if (result.outcome === 'success') {
      await this.delivered(jobId);
      return 'success';
    }
    await this.pushes.release(jobId, claim.token);
    return this.failed(job, data, endpoint.url, result);
  }

  /**
   * The receiver has it: a failure to record that now must not fail the job, or BullMQ would push again. (Both
   * stores failing at once can still repeat a push; receivers deduplicate on the event id.)
   */
  private async delivered(jobId: string): Promise<void> {
    this.finish('delivered');
    try {
      await this.pushes.markDelivered(jobId);
      await this.deadLetters.markReplayed(jobId);
    } catch (e) {
      this.logger.warn(`webhook ${jobId} delivered, but recording it failed: ${String(e)}`);
    }
  }

  /** Records the last failure as a dead letter, then hands the failure to BullMQ (retry or not). */
  private async failed(
    job: Job<WebhookJobData>,
    data: WebhookJobData,
    url: string,
    result: PushResult,
  ): Promise<never> {
    const error = result.error ?? result.outcome;
    const permanent = result.outcome === 'permanent';
    const attempt = job.attemptsMade + 1;
    if (permanent || attempt >= (job.opts.attempts ?? 1)) {
      await this.deadLetters.record({ jobId: job.id ?? '', job: data, url, attempts: attempt, error });
      this.finish('dead_lettered');
      this.logger.warn(`webhook ${job.id} dead-lettered after ${attempt} attempt(s): ${error}`);
    }
    throw permanent ? new UnrecoverableError(error) : new Error(error);
  }

  private countAttempt(outcome: PushOutcome): void {
    this.metrics
      .counter('careplan_webhook_attempts_total', 'Webhook POST attempts by outcome', ['outcome'])
      .inc({ outcome });
  }

  private finish(outcome: 'delivered' | 'dead_lettered' | 'skipped' | 'already_delivered'): void {
    deliveriesCounter(this.metrics).inc({ channel: 'webhook', outcome });
  }
}
