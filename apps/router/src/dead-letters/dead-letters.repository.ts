import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { keysetPage, Page, PageRows } from '@careplan/platform';
import { ROUTER_SCHEMA } from '../database/schema';
import { WebhookJobData } from '../webhooks/webhook-job';
import { WebhookDeadLetterEntity } from './webhook-dead-letter.entity';

const TABLE = `"${ROUTER_SCHEMA}"."webhook_dead_letters"`;

export interface FinalFailure {
  jobId: string;
  job: WebhookJobData;
  url: string;
  attempts: number;
  error: string;
}

/** Which waiting dead letters: some ids, or those of a prefecture, or all. */
export interface WaitingSelection {
  ids?: string[];
  prefecture?: string;
}

/** The webhook_dead_letters table: every statement on it. */
@Injectable()
export class DeadLettersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One open dead letter per job: a failure of a replay updates the open one and reopens it. */
  async upsertOpen(f: FinalFailure): Promise<void> {
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
  }

  /** Closes the job's open dead letter; false when it had none. */
  async closeOpen(jobId: string): Promise<boolean> {
    const [, closed] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE ${TABLE} SET replayed_at = now() WHERE job_id = $1 AND replayed_at IS NULL RETURNING id`,
      [jobId],
    );
    return closed > 0;
  }

  /** A page of the dead letters waiting for an operator, newest first. */
  pageWaiting<D>(
    prefecture: string | undefined,
    cursor: string | undefined,
    limit: number,
    toDto: PageRows<WebhookDeadLetterEntity, D>,
  ): Promise<Page<D>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(WebhookDeadLetterEntity, 'd')
      .where('d.replayedAt IS NULL AND d.replayRequestedAt IS NULL');
    if (prefecture) qb.andWhere('d.prefecture = :prefecture', { prefecture });
    return keysetPage(qb, 'failedAt', cursor, limit, toDto);
  }

  /** Up to `limit` of the selected waiting dead letters, oldest first. */
  findWaiting(s: WaitingSelection, limit: number): Promise<WebhookDeadLetterEntity[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(WebhookDeadLetterEntity, 'd')
      .where('d.replayedAt IS NULL AND d.replayRequestedAt IS NULL')
      .orderBy('d.failedAt', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .take(limit);
    if (s.ids) qb.andWhere('d.id IN (:...ids)', { ids: s.ids });
    if (s.prefecture) qb.andWhere('d.prefecture = :prefecture', { prefecture: s.prefecture });
    return qb.getMany();
  }

  /** The push was sent before: the dead letter is closed. */
  async markReplayed(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE ${TABLE} SET replayed_at = now() WHERE id = $1`, [id]);
  }

  /** The push is on the queue again: the dead letter leaves the waiting set until it fails again. */
  async markReplayRequested(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE ${TABLE} SET replay_requested_at = now() WHERE id = $1`, [id]);
  }

  async countOpen(): Promise<number> {
    const [{ open }] = await this.dataSource.query<{ open: number }[]>(
      `SELECT count(*)::int AS open FROM ${TABLE} WHERE replayed_at IS NULL`,
    );
    return open;
  }
}
