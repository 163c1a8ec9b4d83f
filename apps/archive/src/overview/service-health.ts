import { performance } from 'node:perf_hooks';
import type { Readiness } from '@careplan/platform';
import type { OverviewService, ServiceHealthDto, ServiceMetricsDto } from './dto/overview.dto';
import { metricSums } from './prometheus-text';

/** How long one service may take to answer /health/ready or /metrics before it shows as down. */
export const PROBE_TIMEOUT_MS = 1000;

/** Where a service's readiness and metrics come from: its public listener, or the archive itself. */
export interface HealthSource {
  service: OverviewService;
  /** The body of /health/ready and whether it answered 200 (503: a critical dependency is down). */
  readiness(signal: AbortSignal): Promise<{ ready: boolean; body: unknown }>;
  metrics(signal: AbortSignal): Promise<string>;
}

/** A service reached over HTTP at its public listener (PORT), where /health and /metrics answer. */
export function httpSource(service: OverviewService, baseUrl: string): HealthSource {
  return {
    service,
    async readiness(signal) {
      const res = await fetch(new URL('/health/ready', baseUrl), { signal });
      return { ready: res.ok, body: await res.json().catch(() => null) };
    },
    async metrics(signal) {
      const res = await fetch(new URL('/metrics', baseUrl), { signal });
      if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
      return res.text();
    },
  };
}

/** A promise that rejects when the signal aborts, for sources that take no signal of their own. */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** Readiness answers `{ status, error }`, or on 503 a problem that carries it as `checks`. */
function readinessOf(body: unknown): Partial<Readiness> {
  if (typeof body !== 'object' || body === null) return {};
  const { checks } = body as { checks?: Partial<Readiness> };
  return typeof checks === 'object' && checks !== null ? checks : body;
}

/** Why a call failed, in a few words: fetch's own message ("fetch failed") hides the cause's code. */
function reason(e: unknown): string {
  // Read by shape: errors of Node's fetch come from another realm than the caller's under test runners.
  const err = (e ?? {}) as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return `no answer within ${PROBE_TIMEOUT_MS} ms`;
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
}

export function metricsOf(text: string, nowMs: number): ServiceMetricsDto {
  const sums = metricSums(text);
  const started = sums.get('process_start_time_seconds');
  return {
    residentMemoryBytes: sums.get('process_resident_memory_bytes') ?? null,
    uptimeSeconds: started === undefined ? null : Math.max(0, Math.round(nowMs / 1000 - started)),
    outboxBacklog: sums.get('careplan_outbox_backlog') ?? null,
    consumerLag: sums.get('careplan_kafka_consumer_lag') ?? null,
  };
}

/**
 * One service's health: /health/ready and /metrics at once, each within PROBE_TIMEOUT_MS. Never throws: a
 * service that does not answer is `down`, with why.
 */
export async function probe(source: HealthSource, now = () => Date.now()): Promise<ServiceHealthDto> {
  const started = performance.now();
  const [readiness, metrics] = await Promise.allSettled([
    source.readiness(AbortSignal.timeout(PROBE_TIMEOUT_MS)).then((r) => ({
      ...r,
      ms: Math.round(performance.now() - started),
    })),
    source.metrics(AbortSignal.timeout(PROBE_TIMEOUT_MS)),
  ]);
  const figures = metrics.status === 'fulfilled' ? metricsOf(metrics.value, now()) : null;
  if (readiness.status === 'rejected')
    return {
      service: source.service,
      status: 'down',
      detail: reason(readiness.reason),
      failing: [],
      responseMs: null,
      metrics: figures,
    };
  const { ready, body, ms } = readiness.value;
  const state = readinessOf(body);
  const failing = Object.keys(state.error ?? {}).sort();
  const status = !ready ? 'down' : state.status === 'degraded' ? 'degraded' : 'up';
  return {
    service: source.service,
    status,
    detail: status === 'down' ? `not ready${failing.length ? `: ${failing.join(', ')} down` : ''}` : null,
    failing,
    responseMs: ms,
    metrics: figures,
  };
}
