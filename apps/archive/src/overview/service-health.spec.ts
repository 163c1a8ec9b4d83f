import { HealthSource, probe } from './service-health';

const source = (readiness: HealthSource['readiness'], metrics: HealthSource['metrics']): HealthSource => ({
  service: 'validator',
  readiness,
  metrics,
});

describe('probe', () => {
  it('reads a 503 readiness (a problem carrying the checks) as down, naming what failed', async () => {
    const health = await probe(
      source(
        () =>
          Promise.resolve({
            ready: false,
            body: {
              code: 'SERVICE_UNAVAILABLE',
              checks: { status: 'error', error: { postgres: {}, kafka: {} } },
            },
          }),
        () => Promise.resolve('process_resident_memory_bytes 42\nprocess_start_time_seconds 100'),
      ),
      () => 160_000,
    );
    expect(health).toMatchObject({
      service: 'validator',
      status: 'down',
      detail: 'not ready: kafka, postgres down',
      failing: ['kafka', 'postgres'],
      metrics: { residentMemoryBytes: 42, uptimeSeconds: 60, outboxBacklog: null, consumerLag: null },
    });
    expect(health.responseMs).toEqual(expect.any(Number));
  });

  it('keeps the readiness when /metrics fails, and the metrics when readiness fails', async () => {
    const noMetrics = await probe(
      source(
        () => Promise.resolve({ ready: true, body: { status: 'ok', error: {} } }),
        () => Promise.reject(new Error('/metrics answered 500')),
      ),
    );
    expect(noMetrics).toMatchObject({ status: 'up', detail: null, failing: [], metrics: null });

    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const down = await probe(
      source(
        () => Promise.reject(refused),
        () => Promise.resolve('careplan_outbox_backlog 3'),
      ),
    );
    expect(down).toMatchObject({ status: 'down', detail: 'ECONNREFUSED', responseMs: null });
    expect(down.metrics?.outboxBacklog).toBe(3);
  });
});
