// What one benchmark phase cost the machine (tools/bench-pipeline.ts): CPU of each process from /proc, the
// PostgreSQL transactions of its database (pg_stat_database), its round trips (counted by
// tools/pg-count-proxy.ts, when the services connect through it) and the Kafka records it produced.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { byService, hasInstances } from './bench-instances';
import { round } from './bench-stats';

/** Clock ticks per second of /proc/<pid>/stat on Linux (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** utime + stime of a process in ms; null when it is gone or /proc cannot be read. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * "gateway=12,validator=13" → {gateway: [12], ...}; several pids of one name add up. A second instance has a
 * name of its own (router-2=14): PhaseCost adds it to its service's and shows it apart too.
 */
export function parsePids(spec: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const part of spec.split(',').filter(Boolean)) {
    const [name, pid] = part.split('=');
    if (!name || !/^\d+$/.test(pid ?? '')) throw new Error(`BENCH_PIDS: "${part}" is not name=pid`);
    (out[name] ??= []).push(Number(pid));
  }
  return out;
}

/** CPU ms by pid of every process of every named group, at one moment. */
export type CpuSnapshot = Record<string, Map<number, number>>;

export function cpuSnapshot(groups: Record<string, number[]>): CpuSnapshot {
  return Object.fromEntries(
    Object.entries(groups).map(([name, pids]) => [
      name,
      new Map(pids.flatMap((p) => (cpuMsOf(p) === null ? [] : [[p, cpuMsOf(p) as number]]))),
    ]),
  );
}

/**
 * CPU ms each group used between two snapshots. A process that started meanwhile counts from zero; one that
 * ended meanwhile is missed (the benchmark's processes and connection pools live through a phase).
 */
export function cpuDelta(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after).map(([name, pids]) => {
      let ms = 0;
      for (const [pid, v] of pids) ms += v - (before[name]?.get(pid) ?? 0);
      return [name, round(ms, 0)];
    }),
  );
}

/** PostgreSQL processes: the backends connected to `database` and the server's own (WAL writer, ...). */
export async function postgresPids(pg: Client, database: string): Promise<Record<string, number[]>> {
  const rows = await pg.query<{ pid: number; mine: boolean }>(
    `SELECT pid, datname IS NOT DISTINCT FROM $1 AS mine FROM pg_stat_activity
      WHERE datname = $1 OR backend_type IN ('walwriter', 'checkpointer', 'background writer', 'autovacuum worker')`,
    [database],
  );
  return {
    postgres: rows.rows.filter((r) => r.mine).map((r) => r.pid),
    'postgres (server, shared)': rows.rows.filter((r) => !r.mine).map((r) => r.pid),
  };
}

/** Transactions committed and rolled back in `database` so far. */
export async function transactionsOf(pg: Client, database: string): Promise<number> {
  const { rows } = await pg.query<{ n: string }>(
    `SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1`,
    [database],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * PostgreSQL flushes a backend's statistics when it goes idle, at most once a second, and an idle backend's
 * last second up to 10 s later: transactions are read after that much quiet.
 */
export const STATS_FLUSH_MS = 11_000;

/** Round trips per client name from the counting proxy; null when the services connect directly. */
export async function roundTrips(counterUrl: string): Promise<Record<string, number> | null> {
  if (!counterUrl) return null;
  const res = await fetch(counterUrl, { signal: AbortSignal.timeout(5000) });
  const body = (await res.json()) as Record<string, { roundTrips: number }>;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v.roundTrips]));
}

/**
 * A topic created a moment ago (the ceiling's) may not have its partition leaders known to every listener yet:
 * "not the leader" is retried for a few seconds rather than ending the run.
 */
async function untilLeaders<T>(read: () => Promise<T>, tries = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await read();
    } catch (e) {
      if (i >= tries || !(e as { retriable?: boolean }).retriable) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Records produced so far to the topics whose name starts with `prefix` (end offsets, summed). */
export async function kafkaRecords(brokers: string[], prefix: string, exclude?: string): Promise<number> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter(
      (t) => t.startsWith(prefix) && !(exclude && t.startsWith(exclude)),
    );
    let n = 0;
    for (const t of topics)
      for (const p of await untilLeaders(() => admin.fetchTopicOffsets(t))) n += Number(p.high);
    return n;
  } finally {
    await admin.disconnect();
  }
}

/** What one phase of the benchmark cost, per accepted bundle. */
export interface PhaseCost {
  bundles: number;
  /** Per service (its instances added up) and process group, and the total. */
  cpuMsPerBundle: Record<string, number>;
  /** Per instance (router, router-2, …) when a service ran more than one; null otherwise. */
  cpuMsPerBundleByInstance: Record<string, number> | null;
  /** pg_stat_database xact_commit + xact_rollback of the phase's database. */
  transactionsPerBundle: number;
  /** Counted by the proxy per client (instances added up per service); null when the clients connect directly. */
  roundTripsPerBundle: Record<string, number> | null;
  /** Per instance when a service ran more than one; null otherwise. */
  roundTripsPerBundleByInstance: Record<string, number> | null;
  /** End offsets of the phase's topics, summed (produced records, dead letters included). */
  kafkaRecordsPerBundle: number;
  /** os.loadavg() (1, 5, 15 min) when the phase started and ended. */
  load: { before: number[]; after: number[] };
}

export interface PhaseMeterOptions {
  /** A connection to the server (its `postgres` database) for pg_stat_activity and pg_stat_database. */
  adminUrl: string;
  database: string;
  pids: Record<string, number[]>;
  counterUrl: string;
  /** The proxy's client names that belong to this phase. */
  counterNames: string[];
  brokers: string[];
  topicPrefix: string;
  /** Topics under topicPrefix that belong to another phase. */
  excludeTopicPrefix?: string;
}

interface Reading {
  cpu: CpuSnapshot;
  roundTrips: Record<string, number> | null;
  records: number;
  load: number[];
}

/** Readings at the start and the end of a phase; `transactions` last, after the statistics have caught up. */
export class PhaseMeter {
  private start: Reading | null = null;
  private startTransactions = 0;

  constructor(private readonly o: PhaseMeterOptions) {}

  private async withAdmin<T>(work: (pg: Client) => Promise<T>): Promise<T> {
    const pg = new Client({ connectionString: this.o.adminUrl });
    await pg.connect();
    try {
      return await work(pg);
    } finally {
      await pg.end();
    }
  }

  private async read(): Promise<Reading> {
    const pgPids = await this.withAdmin((pg) => postgresPids(pg, this.o.database));
    return {
      cpu: cpuSnapshot({ ...this.o.pids, ...pgPids }),
      roundTrips: await roundTrips(this.o.counterUrl),
      records: await kafkaRecords(this.o.brokers, this.o.topicPrefix, this.o.excludeTopicPrefix),
      load: loadavg().map((l) => round(l, 2)),
    };
  }

  async begin(): Promise<void> {
    this.startTransactions = await this.withAdmin((pg) => transactionsOf(pg, this.o.database));
    this.start = await this.read();
  }

  /** The phase's cost; waits flushMs first for the transactions (see STATS_FLUSH_MS). */
  async end(bundles: number, flushMs = STATS_FLUSH_MS): Promise<PhaseCost> {
    const start = this.start;
    if (!start) throw new Error('PhaseMeter.end before begin');
    const stop = await this.read();
    await new Promise((r) => setTimeout(r, flushMs));
    const transactions =
      (await this.withAdmin((pg) => transactionsOf(pg, this.o.database))) - this.startTransactions;
    const per = (n: number) => (bundles > 0 ? round(n / bundles, 2) : 0);
    const perEach = (o: Record<string, number>) =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [k, per(v)]));
    const withTotal = (o: Record<string, number>) => ({
      ...perEach(o),
      total: per(Object.values(o).reduce((a, b) => a + b, 0)),
    });
    const cpu = cpuDelta(start.cpu, stop.cpu);
    let trips: Record<string, number> | null = null;
    if (start.roundTrips && stop.roundTrips) {
      trips = {};
      for (const name of this.o.counterNames)
        trips[name] = (stop.roundTrips[name] ?? 0) - (start.roundTrips[name] ?? 0);
    }
    return {
      bundles,
      cpuMsPerBundle: withTotal(byService(cpu)),
      cpuMsPerBundleByInstance: hasInstances(Object.keys(cpu)) ? perEach(cpu) : null,
      transactionsPerBundle: per(transactions),
      roundTripsPerBundle: trips && withTotal(byService(trips)),
      roundTripsPerBundleByInstance: trips && hasInstances(this.o.counterNames) ? perEach(trips) : null,
      kafkaRecordsPerBundle: per(stop.records - start.records),
      load: { before: start.load, after: stop.load },
    };
  }
}
