// HTTP side of the pipeline benchmark (tools/bench-pipeline.ts): the services' resident memory from their
// /metrics, and paging through the gateway's lists.

export const SERVICES = ['gateway', 'validator', 'router', 'archive'] as const;
export type Service = (typeof SERVICES)[number];
export type ServiceUrls = Record<Service, string>;

/**
 * The four services' base URLs: `--urls g,v,r,a` when given, else the gateway's (GATEWAY_URL) with the
 * next three ports, which is how npm start (3000–3003) and scripts/bench.sh (4000–4003) lay them out.
 */
export function serviceUrls(flag: string | undefined, gatewayUrl: string): ServiceUrls {
  if (flag) {
    const urls = flag.split(',').map((u) => u.trim());
    if (urls.length !== SERVICES.length || urls.some((u) => !/^https?:\/\//.test(u))) {
      throw new Error(`--urls needs ${SERVICES.length} comma-separated URLs: ${SERVICES.join(',')}`);
    }
    return Object.fromEntries(SERVICES.map((s, i) => [s, urls[i]])) as ServiceUrls;
  }
  const base = new URL(gatewayUrl);
  const port = Number(base.port || 80);
  return Object.fromEntries(
    SERVICES.map((s, i) => {
      const u = new URL(base.toString());
      u.port = String(port + i);
      return [s, u.origin];
    }),
  ) as ServiceUrls;
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

/** process_resident_memory_bytes and process_cpu_seconds_total of one service; null when it does not answer. */
export async function processSample(url: string): Promise<ProcessSample | null> {
  try {
    const res = await fetch(new URL('/metrics', url), { signal: AbortSignal.timeout(5000) });
    if (!res.ok) return null;
    const text = await res.text();
    const residentBytes = metric(text, 'process_resident_memory_bytes');
    const cpuSeconds = metric(text, 'process_cpu_seconds_total');
    return residentBytes === null || cpuSeconds === null ? null : { residentBytes, cpuSeconds };
  } catch {
    return null;
  }
}

export type Samples = Record<Service, ProcessSample | null>;
export type Memory = Record<Service, number | null>;

export async function sampleAll(urls: ServiceUrls): Promise<Samples> {
  const values = await Promise.all(SERVICES.map((s) => processSample(urls[s])));
  return Object.fromEntries(SERVICES.map((s, i) => [s, values[i]])) as Samples;
}

/** Samples the services' memory every intervalMs until stopped; keeps each service's peak. */
export function memorySampler(urls: ServiceUrls, intervalMs = 1000): { stop: () => Promise<Memory> } {
  const peak = Object.fromEntries(SERVICES.map((s) => [s, null])) as Memory;
  let running: Promise<void> = Promise.resolve();
  const sample = async () => {
    const m = await sampleAll(urls);
    for (const s of SERVICES) {
      const v = m[s]?.residentBytes ?? null;
      if (v !== null) peak[s] = Math.max(peak[s] ?? 0, v);
    }
  };
  const timer = setInterval(() => {
    running = running.then(sample);
  }, intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      await sample();
      return peak;
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
