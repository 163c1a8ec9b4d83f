import { Inject, Injectable, Logger } from '@nestjs/common';
import { MetricsService, ReadinessService, withTimeout } from '@careplan/platform';
import { ArchiveEnv } from '../config/archive.env';
import { RouterClient } from '../dead-letters/router.client';
import { KafkaDlqService } from '../kafka-dlq/kafka-dlq.service';
import type { OperatorContext } from '../operators/operator-scope';
import { OverviewDto, ServiceHealthDto } from './dto/overview.dto';
import { firstHourOf, hourBuckets, japanDayStart } from './overview.hours';
import { OverviewRepository } from './overview.repository';
import { abortable, HealthSource, httpSource, probe, PROBE_TIMEOUT_MS } from './service-health';

const FAILURE_CODES = 20;

/**
 * The overview: the day's figures from the archive's history, the router's and Kafka's counts, and the four
 * services' health, all at once. Another service away makes its figures null; only the archive's own
 * database failing fails the overview.
 */
@Injectable()
export class OverviewService {
  private readonly logger = new Logger(OverviewService.name);
  private readonly sources: HealthSource[];

  constructor(
    private readonly overview: OverviewRepository,
    @Inject(RouterClient) private readonly router: RouterClient,
    private readonly kafkaDlq: KafkaDlqService,
    readiness: ReadinessService,
    metrics: MetricsService,
    env: ArchiveEnv,
  ) {
    this.sources = [
      httpSource('gateway', env.GATEWAY_PUBLIC_URL),
      httpSource('validator', env.VALIDATOR_PUBLIC_URL),
      httpSource('router', env.ROUTER_PUBLIC_URL),
      // The archive answers this request, so it asks itself in process rather than over its own port.
      {
        service: 'archive',
        readiness: async (signal) => {
          const body = await abortable(readiness.evaluate(), signal);
          return { ready: body.status !== 'error', body };
        },
        metrics: (signal) => abortable(metrics.registry.metrics(), signal),
      },
    ];
  }

  async figures(op: OperatorContext, prefecture: string | null, now = new Date()): Promise<OverviewDto> {
    const { day, start } = japanDayStart(now);
    const firstHour = firstHourOf(now);
    const [byStatus, failures, hours, router, kafkaDlq, services] = await Promise.all([
      this.overview.statusesSince(start, prefecture),
      this.overview.failuresSince(start, prefecture, FAILURE_CODES),
      this.overview.hoursSince(firstHour, prefecture),
      this.optional('router', () =>
        this.router.overview(
          { since: start.toISOString(), ...(prefecture ? { prefecture } : {}) },
          PROBE_TIMEOUT_MS,
        ),
      ),
      op.role === 'central'
        ? this.optional('kafka', () => withTimeout(this.kafkaDlq.counts(), PROBE_TIMEOUT_MS, 'Kafka'))
        : Promise.resolve(null),
      Promise.all(this.sources.map((s) => probe(s))),
    ]);
    return {
      prefecture,
      asOf: now.toISOString(),
      day,
      submissions: { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus },
      validationFailures: failures,
      deliveries: router?.deliveries ?? null,
      webhookDeadLetters: router?.deadLetters ?? null,
      kafkaDlq,
      consumerLag: totalLag(services),
      services,
      last24h: hourBuckets(firstHour, hours),
    };
  }

  /** A figure of another service or of Kafka: null, and a warning in the log, when it does not answer. */
  private async optional<T>(what: string, read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (e) {
      this.logger.warn(`overview without the ${what} figures: ${String(e)}`);
      return null;
    }
  }
}

function totalLag(services: ServiceHealthDto[]): number | null {
  const lags = services.map((s) => s.metrics?.consumerLag).filter((l): l is number => typeof l === 'number');
  return lags.length === 0 ? null : lags.reduce((a, b) => a + b, 0);
}
