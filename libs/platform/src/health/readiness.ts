import { Inject, Injectable, Optional } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';

/** A dependency of the service; `check` rejects when it is unavailable. */
export interface ReadinessCheck {
  name: string;
  /**
   * True when the service is useless without it (its database): then /health/ready fails. False when the
   * service still does useful work without it (the gateway accepts into its outbox while Kafka is away): then
   * it reports itself degraded and stays ready.
   */
  critical: boolean;
  check(): Promise<void>;
}

/** Optional initial checks; modules usually add theirs with ReadinessService.register. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export interface DependencyState {
  status: 'up' | 'down';
  critical: boolean;
  message?: string;
}

/** Terminus' shape (info, error, details) with `degraded` between `ok` and `error`. */
export interface Readiness {
  status: 'ok' | 'degraded' | 'error';
  info: Record<string, DependencyState>;
  error: Record<string, DependencyState>;
  details: Record<string, DependencyState>;
}

const CHECK_TIMEOUT_MS = 3000;

/** Runs the readiness checks (for /health/ready and at every scrape) and keeps careplan_dependency_up. */
@Injectable()
export class ReadinessService {
  private readonly up: Gauge<'dependency'>;
  private readonly checks: ReadinessCheck[];

  constructor(
    @Optional() @Inject(READINESS_CHECKS) checks: ReadinessCheck[] | undefined,
    metrics: MetricsService,
  ) {
    this.checks = [...(checks ?? [])];
    this.up = metrics.gauge(
      'careplan_dependency_up',
      'Whether a dependency answers (1) or not (0)',
      ['dependency'],
      async () => void (await this.evaluate()),
    );
  }

  /** Adds a dependency (called by the module that owns it: persistence, messaging, the router's Redis). */
  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  async evaluate(): Promise<Readiness> {
    const states = await Promise.all(this.checks.map((c) => this.run(c)));
    const details = Object.fromEntries(this.checks.map((c, i) => [c.name, states[i]]));
    const pick = (status: DependencyState['status']) =>
      Object.fromEntries(Object.entries(details).filter(([, s]) => s.status === status));
    const down = states.filter((s) => s.status === 'down');
    const status = down.some((s) => s.critical) ? 'error' : down.length > 0 ? 'degraded' : 'ok';
    return { status, info: pick('up'), error: pick('down'), details };
  }

  private async run(c: ReadinessCheck): Promise<DependencyState> {
    try {
      await withTimeout(c.check(), CHECK_TIMEOUT_MS, c.name);
      this.up.set({ dependency: c.name }, 1);
      return { status: 'up', critical: c.critical };
    } catch (e) {
      this.up.set({ dependency: c.name }, 0);
      return { status: 'down', critical: c.critical, message: e instanceof Error ? e.message : String(e) };
    }
  }
}

/** Rejects when `promise` takes longer than `ms`, so one hung dependency cannot hang /health/ready. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
