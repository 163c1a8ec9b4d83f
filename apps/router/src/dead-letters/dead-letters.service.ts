import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import {
  DeadLetterDto,
  DeadLetterPageDto,
  DeadLetterQuery,
  pageLimit,
  ReplayDeadLettersBody,
  ReplayResultDto,
  replaySelectionValid,
} from '@careplan/contracts';
import { MetricsService } from '@careplan/platform';
import { parseWebhookJob } from '../webhooks/webhook-job';
import { WebhookQueue } from '../webhooks/webhook.queue';
import { DeadLetterErrors } from './dead-letters.errors';
import { DeadLettersRepository, FinalFailure } from './dead-letters.repository';
import { WebhookDeadLetterEntity } from './webhook-dead-letter.entity';

const REPLAY_BATCH = 200;

/** Webhook pushes that finally failed: recorded, listed for operators, and replayed on request. */
@Injectable()
export class DeadLettersService implements OnApplicationBootstrap {
  constructor(
    private readonly deadLetters: DeadLettersRepository,
    private readonly queue: WebhookQueue,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refreshGauge();
  }

  /** One open dead letter per job: a replay that fails again updates it and reopens it. */
  async record(f: FinalFailure): Promise<void> {
    await this.deadLetters.upsertOpen(f);
    await this.refreshGauge();
  }

  /** A push that succeeded closes its open dead letter, if a replay brought it here. */
  async markReplayed(jobId: string): Promise<void> {
    if (await this.deadLetters.closeOpen(jobId)) await this.refreshGauge();
  }

  /** Dead letters waiting for an operator (neither replayed nor being replayed), newest first. */
  list(q: DeadLetterQuery = {}): Promise<DeadLetterPageDto> {
    return this.deadLetters.pageWaiting(q.prefecture, q.cursor, pageLimit(q), (rows) => rows.map(toDto));
  }

  async replay(body: ReplayDeadLettersBody): Promise<ReplayResultDto> {
    if (!replaySelectionValid(body)) throw DeadLetterErrors.replaySelectionInvalid();
    let replayed = 0;
    for (;;) {
      const batch = await this.waiting(body);
      for (const row of batch) if (await this.replayOne(row)) replayed++;
      // Every row of a batch leaves the waiting set, so this ends.
      if (body.ids || batch.length < REPLAY_BATCH) break;
    }
    await this.refreshGauge();
    return { replayed };
  }

  private waiting(body: ReplayDeadLettersBody): Promise<WebhookDeadLetterEntity[]> {
    return this.deadLetters.findWaiting(body, REPLAY_BATCH);
  }

  /** Re-enqueues one dead push; true when it got a fresh attempt budget. */
  private async replayOne(row: WebhookDeadLetterEntity): Promise<boolean> {
    const parsed = parseWebhookJob(row.jobData);
    if ('error' in parsed) throw new Error(`dead letter ${row.id} holds invalid job data: ${parsed.error}`);
    const result = await this.queue.replay(row.jobId, parsed.job);
    if (result === 'already-delivered') await this.deadLetters.markReplayed(row.id);
    else await this.deadLetters.markReplayRequested(row.id);
    return result === 'requeued';
  }

  private async refreshGauge(): Promise<void> {
    const open = await this.deadLetters.countOpen();
    this.metrics
      .gauge('careplan_webhook_dead_letters', 'Webhook pushes that finally failed and are not replayed yet')
      .set(open);
  }
}

function toDto(d: WebhookDeadLetterEntity): DeadLetterDto {
  return {
    id: d.id,
    officeNumber: d.officeNumber,
    url: d.url,
    event: d.eventType,
    deliveryId: d.deliveryId,
    submissionId: d.submissionId,
    attempts: d.attempts,
    lastError: d.lastError,
    failedAt: d.failedAt.toISOString(),
  };
}
