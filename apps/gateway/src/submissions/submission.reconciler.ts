import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { inTransactionThenNudge, OutboxRelay } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { GatewayEnv } from '../config/gateway.env';
import { publishReceived } from './submission.events';
import { SubmissionsRepository } from './submissions.repository';

/** Most submissions re-driven in one pass; the rest wait for the next. */
const BATCH = 100;
/** The wait before a submission's next re-drive doubles with each one, up to 2^5 times the bound. */
const MAX_DOUBLINGS = 5;

export interface Redrive {
  submissionId: string;
  status: string;
  redrives: number;
}

/**
 * Finds submissions that stayed `accepted` or `validated` longer than RECONCILE_AFTER_SECONDS (an event
 * lost to an outage somewhere downstream) and publishes their received event again, original id and all.
 * Each consumer deduplicates on that id: the validator answers with its stored verdict event and the
 * router with its stored delivery event (their onDuplicate), so whatever was missed is applied once and
 * nothing is done twice. One instance at a time (an advisory lock); the outbox carries the event.
 */
@Injectable()
export class SubmissionReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SubmissionReconciler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly metrics: MetricsService,
    @Inject(GatewayEnv) private readonly env: GatewayEnv,
    private readonly submissions: SubmissionsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.env.RECONCILE_INTERVAL_SECONDS * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass: re-drives what is stuck now and returns it. */
  async reconcile(): Promise<Redrive[]> {
    const redriven = await inTransactionThenNudge(this.dataSource, this.relay, (m) => this.redriveStuck(m));
    if (redriven.length === 0) return redriven;
    this.metrics
      .counter(
        'careplan_reconciler_redriven_total',
        'Stuck submissions whose received event was published again',
      )
      .inc(redriven.length);
    for (const r of redriven) this.logger.log(r, 're-drove a stuck submission');
    return redriven;
  }

  private async redriveStuck(m: EntityManager): Promise<Redrive[]> {
    if (!(await this.submissions.tryLockReconciler(m))) return [];
    const submissions = await this.submissions.lockStuck(
      m,
      this.env.RECONCILE_AFTER_SECONDS,
      MAX_DOUBLINGS,
      BATCH,
    );
    const redriven: Redrive[] = [];
    for (const s of submissions) {
      // Accepted before event ids were kept: the id chosen now is kept for every later re-drive.
      const eventId = s.receivedEventId ?? randomUUID();
      await publishReceived(m, s, s.files, eventId);
      await this.submissions.markRedriven(m, s.id, eventId);
      redriven.push({ submissionId: s.id, status: s.status, redrives: s.redriveCount + 1 });
    }
    return redriven;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.reconcile()
      .then(() => undefined)
      .catch((e: unknown) =>
        this.logger.warn(`reconciler pass failed, next in the next interval: ${String(e)}`),
      )
      .finally(() => {
        this.running = null;
      });
  }
}
