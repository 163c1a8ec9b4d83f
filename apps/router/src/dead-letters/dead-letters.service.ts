import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  DeadLetterDto,
  DeadLetterPageDto,
  DeadLetterQuery,
  pageLimit,
  ReplayDeadLettersBody,
  ReplayResultDto,
  replaySelectionValid,
} from '@careplan/contracts';
import { keysetPage, MetricsService } from '@careplan/platform';
import { ROUTER_SCHEMA } from '../database/schema';
import { parseWebhookJob, WebhookJobData } from '../webhooks/webhook-job';
import { WebhookQueue } from '../webhooks/webhook.queue';
import { DeadLetterErrors } from './dead-letters.errors';
import { WebhookDeadLetterEntity } from './webhook-dead-letter.entity';

const REPLAY_BATCH = 200;
const TABLE = `"${ROUTER_SCHEMA}"."webhook_dead_letters"`;

export interface FinalFailure {
  jobId: string;
  job: WebhookJobData;
  url: string;
  attempts: number;
  error: string;
}

/** Webhook pushes that finally failed: recorded, listed for operators, and replayed on request. */
@Injectable()
export class DeadLettersService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: WebhookQueue,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refreshGauge();
  }

  /** One open dead letter per job: a replay that fails again updates it and reopens it. */
  async record(f: FinalFailure): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${TABLE} (id, job_id, event_id, event_type, office_number, url, delivery_id,
         submission_id, job_data, attempts, last_error, failed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
       ON CONFLICT (job_id) WHERE replayed_at IS NULL DO UPDATE
         SET url = EXCLUDED.url, attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error,
             failed_at = EXCLUDED.failed_at, replay_requested_at = NULL`,
      [
        randomUUID(),
        f.jobId,
        f.job.eventId,
        f.job.type,
        f.job.officeNumber,
        f.url,
        f.job.deliveryId ?? null,
        f.job.submissionId,
        JSON.stringify(f.job),
        f.attempts,
        f.error.slice(0, 2000),
      ],
    );
    await this.refreshGauge();
  }

  /** A push that succeeded closes its open dead letter, if a replay brought it here. */
  async markReplayed(jobId: string): Promise<void> {
    const [, closed] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE ${TABLE} SET replayed_at = now() WHERE job_id = $1 AND replayed_at IS NULL RETURNING id`,
      [jobId],
    );
    if (closed > 0) await this.refreshGauge();
  }

  /** Dead letters waiting for an operator (neither replayed nor being replayed), newest first. */
  list(q: DeadLetterQuery = {}): Promise<DeadLetterPageDto> {
    const qb = this.dataSource.manager
      .createQueryBuilder(WebhookDeadLetterEntity, 'd')
      .where('d.replayedAt IS NULL AND d.replayRequestedAt IS NULL');
    if (q.prefecture) qb.andWhere('d.prefecture = :prefecture', { prefecture: q.prefecture });
    return keysetPage(qb, 'failedAt', q.cursor, pageLimit(q), (rows) => rows.map(toDto));
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
    const qb = this.dataSource.manager
      .createQueryBuilder(WebhookDeadLetterEntity, 'd')
      .where('d.replayedAt IS NULL AND d.replayRequestedAt IS NULL')
      .orderBy('d.failedAt', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .take(REPLAY_BATCH);
    if (body.ids) qb.andWhere('d.id IN (:...ids)', { ids: body.ids });
    if (body.prefecture) qb.andWhere('d.prefecture = :prefecture', { prefecture: body.prefecture });
    return qb.getMany();
  }

  /** Re-enqueues one dead push; true when it got a fresh attempt budget. */
  private async replayOne(row: WebhookDeadLetterEntity): Promise<boolean> {
    const parsed = parseWebhookJob(row.jobData);
    if ('error' in parsed) throw new Error(`dead letter ${row.id} holds invalid job data: ${parsed.error}`);
    const result = await this.queue.replay(row.jobId, parsed.job);
    const column = result === 'already-delivered' ? 'replayed_at' : 'replay_requested_at';
    await this.dataSource.query(`UPDATE ${TABLE} SET ${column} = now() WHERE id = $1`, [row.id]);
    return result === 'requeued';
  }

  private async refreshGauge(): Promise<void> {
    const [{ open }] = await this.dataSource.query<{ open: number }[]>(
      `SELECT count(*)::int AS open FROM ${TABLE} WHERE replayed_at IS NULL`,
    );
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
