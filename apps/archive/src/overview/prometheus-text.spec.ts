import { metricSums } from './prometheus-text';

describe('metricSums', () => {
  const text = [
    '# HELP process_resident_memory_bytes Resident memory size in bytes.',
    '# TYPE process_resident_memory_bytes gauge',
    'process_resident_memory_bytes{service="router"} 123456789',
    'careplan_kafka_consumer_lag{consumer="deliveries",topic="t",partition="0",service="router"} 3',
    'careplan_kafka_consumer_lag{consumer="deliveries",topic="t",partition="1",service="router"} 4',
    'careplan_kafka_consumer_lag{consumer="webhooks",topic="a{b} c",partition="0",service="router"} 5',
    'careplan_outbox_backlog 0 1700000000000',
    'nodejs_gc_duration_seconds_sum{kind="major"} NaN',
    '',
  ].join('\n');

  it('sums each metric over its label sets, also with a timestamp or braces inside a label', () => {
    const sums = metricSums(text);
    expect(sums.get('process_resident_memory_bytes')).toBe(123456789);
    expect(sums.get('careplan_kafka_consumer_lag')).toBe(12);
    expect(sums.get('careplan_outbox_backlog')).toBe(0);
  });

  it('skips comments and values that are no number', () => {
    const sums = metricSums(text);
    expect(sums.has('nodejs_gc_duration_seconds_sum')).toBe(false);
    expect([...sums.keys()].some((k) => k.startsWith('#'))).toBe(false);
  });
});
