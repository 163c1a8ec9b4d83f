import { Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsService, withTimeout } from '@careplan/platform';

const QUERY_TIMEOUT_MS = 2000;

/**
 * careplan_outbox_backlog and careplan_outbox_oldest_age_seconds of the service's outbox, read at scrape
 * time: rows committed but not yet published, and how long the oldest has waited (0 when empty). A growing
 * age means events are not reaching Kafka. If the database does not answer, the last figures stay
 * (careplan_dependency_up says why) so that /metrics keeps answering.
 */
export class OutboxMetrics {
  private readonly logger = new Logger('OutboxMetrics');
  private sampling: Promise<void> | null = null;
  private readonly backlog: Gauge;
  private readonly oldestAge: Gauge;

  constructor(
    private readonly dataSource: DataSource,
    metrics: MetricsService,
    private readonly schema: string,
  ) {
    const refresh = () => this.refresh();
    this.backlog = metrics.gauge('careplan_outbox_backlog', 'Outbox rows not yet published', [], refresh);
    this.oldestAge = metrics.gauge(
      'careplan_outbox_oldest_age_seconds',
      'Age of the oldest unpublished outbox row (0 when the outbox is empty)',
      [],
      refresh,
    );
  }

  /** One query shared by both gauges of a scrape. */
  refresh(): Promise<void> {
    this.sampling ??= this.sample().finally(() => (this.sampling = null));
    return this.sampling;
  }

  private async sample(): Promise<void> {
    try {
      const [row] = await withTimeout(
        this.dataSource.query<{ n: number; age: number | null }[]>(
          `SELECT count(*)::int AS n, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS age
           FROM "${this.schema}"."outbox"`,
        ),
        QUERY_TIMEOUT_MS,
        'outbox metrics',
      );
      this.backlog.set(row.n);
      this.oldestAge.set(Math.max(0, row.age ?? 0));
    } catch (e) {
      this.logger.debug(`outbox not measured: ${String(e)}`);
    }
  }
}
