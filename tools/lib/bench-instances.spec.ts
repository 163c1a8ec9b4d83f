import {
  byConsumer,
  byService,
  countsSince,
  hasInstances,
  instanceName,
  messageCounts,
  serviceOf,
} from './bench-instances';

describe('instance names', () => {
  it('keeps the service name for the first instance and numbers the others as bench.sh does', () => {
    expect(instanceName('router', 1)).toBe('router');
    expect(instanceName('router', 2)).toBe('router-2');
    expect(serviceOf('router-2')).toBe('router');
    expect(serviceOf('router')).toBe('router');
    expect(serviceOf('pg-proxy')).toBe('pg-proxy');
    expect(serviceOf('postgres (server, shared)')).toBe('postgres (server, shared)');
  });

  it('tells whether a second instance is among the names', () => {
    expect(hasInstances(['gateway', 'pg-proxy', 'kafka'])).toBe(false);
    expect(hasInstances(['gateway', 'gateway-2'])).toBe(true);
  });

  it('adds up the instances of each service and leaves the rest as they are', () => {
    expect(byService({ gateway: 3, router: 1, 'router-2': 2, 'gateway-2': 4, kafka: 5 })).toEqual({
      gateway: 7,
      router: 3,
      kafka: 5,
    });
  });
});

describe('messageCounts', () => {
  const text = [
    '# HELP careplan_kafka_messages_total Kafka messages handled by outcome',
    '# TYPE careplan_kafka_messages_total counter',
    'careplan_kafka_messages_total{consumer="router",topic="p.submission.validated",outcome="processed",service="router"} 120',
    'careplan_kafka_messages_total{consumer="router-webhooks",topic="p.submission.delivered",outcome="idle",service="router"} 80',
    'careplan_kafka_messages_total{consumer="router-webhooks",topic="p.submission.validated",outcome="idle",service="router"} 40',
    'careplan_kafka_messages_total{outcome="duplicate",consumer="router",topic="p.submission.validated"} 2',
    'careplan_kafka_retries_total{consumer="router",topic="x",outcome="processed"} 9',
    'process_cpu_seconds_total{service="router"} 3.5',
  ].join('\n');

  it('adds up each consumer’s outcomes over its topics', () => {
    expect(messageCounts(text)).toEqual({
      router: { processed: 120, duplicate: 2 },
      'router-webhooks': { idle: 120 },
    });
  });

  it('subtracts a reading taken before, a counter new since then from zero', () => {
    const before = { router: { processed: 20 } };
    expect(countsSince(before, messageCounts(text))).toEqual({
      router: { processed: 100, duplicate: 2 },
      'router-webhooks': { idle: 120 },
    });
  });

  it('turns the counts of each instance into what each instance of a consumer handled', () => {
    expect(
      byConsumer({
        router: { router: { processed: 100 } },
        'router-2': { router: { processed: 80 }, 'router-webhooks': { idle: 3 } },
      }),
    ).toEqual({
      router: { router: { processed: 100 }, 'router-2': { processed: 80 } },
      'router-webhooks': { 'router-2': { idle: 3 } },
    });
  });
});
