import type { Counter } from 'prom-client';
import { MetricsService } from '@careplan/platform';

export type DeliveryChannel = 'inbox' | 'webhook';

/** `careplan_deliveries_total{channel, outcome}`: declared in one place, so every use has the same labels. */
export function deliveriesCounter(metrics: MetricsService): Counter<'channel' | 'outcome'> {
  return metrics.counter('careplan_deliveries_total', 'Deliveries by channel and final outcome', [
    'channel',
    'outcome',
  ]);
}
