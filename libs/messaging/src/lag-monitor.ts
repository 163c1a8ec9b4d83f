import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from '@careplan/platform';
import type { EventConsumer } from './event-consumer';
import { KafkaService } from './kafka.service';

export const LAG_INTERVAL_MS = 10_000;

/**
 * Consumer lag measured from the broker on a timer (committed vs end offsets), for every consumer of the
 * service: a stalled or crashed consumer shows a growing lag instead of freezing a gauge it reports itself.
 * Every instance of a service reports its whole group; aggregate with max, not sum.
 */
export class LagMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LagMonitor');
  private timer: NodeJS.Timeout | null = null;
  private measuring: Promise<void> | null = null;
  private readonly lag: Gauge<'consumer' | 'topic' | 'partition'>;

  constructor(
    private readonly kafka: KafkaService,
    metrics: MetricsService,
    private readonly consumers: () => EventConsumer[],
    private readonly intervalMs = LAG_INTERVAL_MS,
  ) {
    this.lag = metrics.gauge(
      'careplan_kafka_consumer_lag',
      "Messages not yet consumed per partition: the broker's end offset minus the group's committed offset",
      ['consumer', 'topic', 'partition'],
    );
  }

  onApplicationBootstrap(): void {
    const tick = () => {
      // One measurement at a time: with Kafka away, one can take longer than the interval.
      this.measuring ??= this.measure().finally(() => (this.measuring = null));
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One measurement of every consumer; while Kafka is away the last figures stay (see careplan_dependency_up). */
  async measure(): Promise<void> {
    for (const { name, groupId, topics } of this.consumers().map((c) => c.subscription)) {
      try {
        for (const { topic, partition, lag } of await this.kafka.consumerLag(groupId, topics)) {
          this.lag.set({ consumer: name, topic, partition: String(partition) }, lag);
        }
      } catch (e) {
        this.logger.debug(`lag of ${name} not measured: ${String(e)}`);
      }
    }
  }
}
