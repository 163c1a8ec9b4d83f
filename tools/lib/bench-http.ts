// HTTP side of the pipeline benchmark (tools/bench-pipeline.ts): the services' resident memory from their
// /metrics, and paging through the gateway's lists.
import { instanceName } from './bench-instances';

export const SERVICES = ['gateway', 'validator', 'router', 'archive'] as const;
export type Service = (typeof SERVICES)[number];
export type ServiceUrls = Record<Service, string>;

/**
 * The four services' base URLs: `--urls g,v,r,a` when given, else the gateway's (GATEWAY_URL) with the
 * next three ports, which is how npm start (3000–3003) and scripts/bench.sh (4000–4003) lay them out.
 */
export function serviceUrls(flag: string | undefined, gatewayUrl: string): ServiceUrls {
  const first = instanceUrls(flag, gatewayUrl);
  return Object.fromEntries(SERVICES.map((s) => [s, first[s]])) as ServiceUrls;
}

/**
 * Every instance's base URL by instance name (gateway, …, then gateway-2, …): `--urls` may name four URLs per
 * instance, the instances one after the other (scripts/bench.sh --instances N).
 */
export function instanceUrls(flag: string | undefined, gatewayUrl: string): Record<string, string> {
  if (flag) {
    const urls = flag.split(',').map((u) => u.trim());
    if (urls.length % SERVICES.length !== 0 || urls.some((u) => !/^https?:\/\//.test(u))) {
      throw new Error(
        `--urls needs ${SERVICES.length} comma-separated URLs (${SERVICES.join(',')}) per instance`,
      );
    }
    return Object.fromEntries(
      urls.map((u, i) => [
        instanceName(SERVICES[i % SERVICES.length], Math.floor(i / SERVICES.length) + 1),
        u,
      ]),
    );
  }
  const base = new URL(gatewayUrl);
  const port = Number(base.port || 80);
  return Object.fromEntries(
    SERVICES.map((s, i) => {
      const u = new URL(base.toString());
      u.port = String(port + i);
      return [s, u.origin];
    }),
  );
}

/** A sample of one service's /metrics (the default metrics carry a `service` label). */
export interface ProcessSample {
  residentBytes: number;
  cpuSeconds: number;
}

function metric(text: string, name: string): number | null {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+(\\S+)`, 'm').exec(text);
  return m ? Number(m[1]) : null;
}

/** The text of a service's /metrics; null when it does not answer. */
export async function metricsText(url: string): Promise<string | null> {
  try {
    const res = await fetch(new URL('/metrics', url), { signal: AbortSignal.timeout(5000) });
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}

/** process_resident_memory_bytes and process_cpu_seconds_total of one service; null when it does not answer. */
export async function processSample(url: string): Promise<ProcessSample | null> {
  const text = await metricsText(url);
  if (text === null) return null;
  const residentBytes = metric(text, 'process_resident_memory_bytes');
  const cpuSeconds = metric(text, 'process_cpu_seconds_total');
  return residentBytes === null || cpuSeconds === null ? null : { residentBytes, cpuSeconds };
}

/** By instance name (gateway, gateway-2, …). */
export type Samples = Record<string, ProcessSample | null>;
export type Memory = Record<string, number | null>;

export async function sampleAll(urls: Record<string, string>): Promise<Samples> {
  const names = Object.keys(urls);
  const values = await Promise.all(names.map((n) => processSample(urls[n])));
  return Object.fromEntries(names.map((n, i) => [n, values[i]]));
}

/** Resident memory of every instance at one moment of a run. */
export interface MemorySample {
  atSeconds: number;
  residentBytes: Memory;
}

/**
 * Samples the instances' memory every intervalMs until stopped; keeps each one's peak and, every seriesEveryMs
 * (when given), a sample for the series (a soak's).
 */
export function memorySampler(
  urls: Record<string, string>,
  intervalMs = 1000,
  seriesEveryMs?: number,
): { stop: () => Promise<{ peak: Memory; series: MemorySample[] }> } {
  const names = Object.keys(urls);
  const peak: Memory = Object.fromEntries(names.map((n) => [n, null]));
  const series: MemorySample[] = [];
  const t0 = performance.now();
  let lastSeries = -Infinity;
  let running: Promise<void> = Promise.resolve();
  const sample = async (last = false) => {
    const at = performance.now() - t0;
    const m = await sampleAll(urls);
    const now: Memory = {};
    for (const n of names) {
      const v = m[n]?.residentBytes ?? null;
      now[n] = v;
      if (v !== null) peak[n] = Math.max(peak[n] ?? 0, v);
    }
    if (seriesEveryMs !== undefined && (last || at - lastSeries >= seriesEveryMs - intervalMs / 2)) {
      lastSeries = at;
      series.push({ atSeconds: Math.round(at / 1000), residentBytes: now });
    }
  };
  running = sample();
  const timer = setInterval(() => {
    running = running.then(() => sample());
  }, intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      await sample(true);
      return { peak, series };
    },
  };
}

export interface Json {
  [key: string]: unknown;
}

/** A JSON GET on the gateway with the office's key; throws on anything but 2xx. */
export async function getJson(gatewayUrl: string, apiKey: string, path: string): Promise<Json> {
  const res = await fetch(new URL(path, gatewayUrl), { headers: { 'x-api-key': apiKey } });
  if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as Json;
}

/** Every item of a cursor-paged list (`items`, `nextCursor`), 200 a page. */
export async function getAll(gatewayUrl: string, apiKey: string, path: string): Promise<Json[]> {
  const items: Json[] = [];
  let cursor: string | null = null;
  do {
    const url = new URL(path, gatewayUrl);
    url.searchParams.set('limit', '200');
    if (cursor) url.searchParams.set('cursor', cursor);
    const page = await getJson(gatewayUrl, apiKey, url.pathname + url.search);
    items.push(...(page.items as Json[]));
    cursor = (page.nextCursor as string | null) ?? null;
  } while (cursor);
  return items;
}
