// Benchmark of the running pipeline (a script, not a test): gateway → Kafka → validator → router → inbox.
// Needs the four services running (npm start, or `npm run bench`, which starts its own on 4000–4003):
//   node dist/tools/bench-pipeline.js --bundles 200 --concurrency 8 --pairs 4 --rows 50 [--urls g,v,r,a]
// Seeds fresh sender → receiver pairs, sends the bundles (第6表 予定, 第7表, 利用者補足情報 and a PDF) with
// the given concurrency, waits until every one is delivered, and prints the figures as JSON on stdout and a
// short table on stderr. Checks that each bundle reached its receiver's inbox exactly once and that every
// pair's inbox follows acceptance order; exit 1 when a check fails. Then, on the same bundles and with the same
// concurrency, the machine's ceiling (lib/bench-ceiling.ts) when BENCH_CEILING_DATABASE_URL names its database,
// and what each phase cost per bundle: CPU ms of each process (BENCH_PIDS), transactions, round trips (through
// tools/pg-count-proxy.ts, BENCH_PG_COUNTER_URL) and Kafka records.
import 'reflect-metadata';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { assertValid, benchBundle, benchPairs, usersForRows, type BenchBundle } from './lib/bench-bundle';
import {
  getAll,
  getJson,
  memorySampler,
  sampleAll,
  SERVICES,
  serviceUrls,
  type Json,
  type Samples,
} from './lib/bench-http';
import { Ceiling, type CeilingResult } from './lib/bench-ceiling';
import { parsePids, PhaseMeter, STATS_FLUSH_MS, type PhaseCost } from './lib/bench-measure';
import { latency, megabytes, rate, round } from './lib/bench-stats';
import { OfficeSeeder } from './lib/seed-office';
import { runTool, toolsEnv } from './lib/tools.env';

/** Half the bundles go with the key, half with an access token for it: the guard's two paths, same run. */
type Credential = 'apiKey' | 'accessToken';

interface Sent {
  bundle: BenchBundle;
  credential: Credential;
  status: number;
  /** HTTP status and problem code, or "network <reason>", for anything but 202. */
  error: string | null;
  ms: number;
  id: string | null;
  sequence: number | null;
}

interface Check {
  ok: boolean;
  detail: string;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

runTool('bench-pipeline', async () => {
  const { values } = parseArgs({
    options: {
      bundles: { type: 'string' },
      concurrency: { type: 'string' },
      pairs: { type: 'string' },
      rows: { type: 'string' },
      urls: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const bundles = positive('bundles', values.bundles, 200);
  const concurrency = positive('concurrency', values.concurrency, 8);
  const pairCount = Math.min(positive('pairs', values.pairs, 4), bundles);
  const rows = positive('rows', values.rows, 50);
  const timeoutMs = positive('timeout', values.timeout, 300) * 1000;
  const env = toolsEnv();
  const urls = serviceUrls(values.urls, env.GATEWAY_URL);
  const gateway = urls.gateway;
  await ready(urls);

  // Offices of this run only, so the inbox of each receiver holds exactly what this run sent it.
  const runStart = new Date(Date.now() - 1000);
  const pairs = benchPairs(pairCount);
  const keys = new Map<string, string>();
  const seeder = new OfficeSeeder({
    opsUrl: urls.archive,
    gatewayUrl: gateway,
    databaseUrl: env.DATABASE_URL,
    token: env.OPS_TOKEN || undefined,
  });
  for (const [i, p] of pairs.entries()) {
    keys.set(p.sender, (await seeder.seed(p.sender, `ベンチ居宅介護支援${i + 1}`)).apiKey);
    keys.set(p.receiver, (await seeder.seed(p.receiver, `ベンチ訪問介護${i + 1}`)).apiKey);
  }
  const key = (office: string) => keys.get(office) ?? '';
  const tokens = new Map<string, string>();
  for (const p of pairs) tokens.set(p.sender, await accessToken(gateway, key(p.sender)));
  const credentialOf = (i: number): Credential => (i % 2 === 0 ? 'apiKey' : 'accessToken');
  const headersFor = (office: string, credential: Credential): Record<string, string> =>
    credential === 'apiKey'
      ? { 'x-api-key': key(office) }
      : { authorization: `Bearer ${tokens.get(office) ?? ''}` };

  // Built before the clock starts: the client's CSV encoding is not the system's time.
  const users = usersForRows(rows);
  const work = Array.from({ length: bundles }, (_, i) =>
    benchBundle(i, i % pairCount, pairs[i % pairCount], users),
  );
  assertValid(work[0]);
  const filesPerBundle = work[0].files.length;
  const totalBytes = work.reduce((n, b) => n + b.bytes, 0);

  const brokers = env.KAFKA_BROKERS.split(',');
  const pids = parsePids(env.BENCH_PIDS);
  const serverUrl = (url: string) => Object.assign(new URL(url), { pathname: '/postgres' }).toString();
  const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
  const ceilingPrefix = `${env.KAFKA_TOPIC_PREFIX}ceiling.`;
  const pipelineMeter = new PhaseMeter({
    adminUrl: serverUrl(env.DATABASE_URL),
    database: databaseOf(env.DATABASE_URL),
    pids,
    counterUrl: env.BENCH_PG_COUNTER_URL,
    counterNames: [...SERVICES],
    brokers,
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    excludeTopicPrefix: ceilingPrefix,
  });
  // The seeding's statistics reach pg_stat_database first (see STATS_FLUSH_MS).
  note(`waiting ${STATS_FLUSH_MS / 1000} s for PostgreSQL's statistics`);
  await new Promise((r) => setTimeout(r, STATS_FLUSH_MS));
  await pipelineMeter.begin();

  const loadBefore = loadavg()[0];
  const before = await sampleAll(urls);
  const sampler = memorySampler(urls);
  note(
    `sending ${bundles} bundles (${filesPerBundle} files, UPPLAN ${work[0].planRows} rows, ~${Math.round(totalBytes / bundles / 1024)} KiB each) over ${pairCount} pairs, concurrency ${concurrency}`,
  );

  const sent: Sent[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < work.length) {
        const i = next++;
        const bundle = work[i];
        const { sender, receiver } = pairs[bundle.pair];
        const credential = credentialOf(i);
        sent.push(await send(gateway, headersFor(sender, credential), credential, receiver, bundle));
      }
    }),
  );
  const sendMs = performance.now() - t0;
  const accepted = sent.filter((s) => s.id !== null);
  note(`accepted ${accepted.length}/${bundles} in ${(sendMs / 1000).toFixed(1)} s; waiting for delivery`);

  const settled = await waitSettled(gateway, pairs, key, timeoutMs);
  const peak = await sampler.stop();
  const after = await sampleAll(urls);
  const windowMs = performance.now() - t0;
  const loadAfter = loadavg()[0];
  const pipelineCost = await pipelineMeter.end(accepted.length);

  // Server-side timestamps of every accepted bundle, and what each receiver's inbox holds from this run.
  const timelines = new Map<string, Json>();
  const inboxes: Json[][] = [];
  for (const p of pairs) {
    for (const s of await getAll(gateway, key(p.sender), `/v1/submissions?to=${p.receiver}`)) {
      timelines.set(String(s.id), s);
    }
    inboxes.push(
      await getAll(gateway, key(p.receiver), `/v1/inbox?from=${p.sender}&since=${runStart.toISOString()}`),
    );
  }

  const time = (s: Json, step: string) => {
    const v = (s.timeline as Record<string, string | null>)[step];
    return v ? Date.parse(v) : null;
  };
  const mine = accepted.map((a) => timelines.get(a.id ?? '')).filter((s): s is Json => s !== undefined);
  const delivered = mine.filter((s) => time(s, 'deliveredAt') !== null);
  const rejected = mine.filter((s) => s.status === 'rejected');
  const span = (pick: (s: Json) => number[]) => mine.flatMap(pick);
  const e2e = span((s) => diff(time(s, 'acceptedAt'), time(s, 'deliveredAt')));
  const toValidated = span((s) => diff(time(s, 'acceptedAt'), time(s, 'validatedAt')));
  const toDelivered = span((s) => diff(time(s, 'validatedAt'), time(s, 'deliveredAt')));
  const firstAccept = Math.min(...mine.map((s) => time(s, 'acceptedAt') ?? Infinity));
  const lastDelivered = Math.max(...delivered.map((s) => time(s, 'deliveredAt') ?? -Infinity));
  const deliveredSpanMs = delivered.length ? lastDelivered - firstAccept : 0;

  const errors: Record<string, number> = {};
  for (const s of sent) if (s.error) errors[s.error] = (errors[s.error] ?? 0) + 1;

  const checks: Record<string, Check> = {
    accepted: {
      ok: accepted.length === bundles,
      detail: `${accepted.length}/${bundles} answered 202`,
    },
    validated: {
      ok: rejected.length === 0 && settled,
      detail: settled
        ? `${rejected.length} rejected`
        : `not all settled within ${timeoutMs / 1000} s (${delivered.length} delivered)`,
    },
    deliveredExactlyOnce: exactlyOnce(pairs.length, accepted, inboxes),
    order: order(pairs.length, accepted, inboxes, timelines),
  };

  let ceiling: (CeilingResult & { cost: PhaseCost }) | null = null;
  if (env.BENCH_CEILING_DATABASE_URL) {
    note(`ceiling: the same ${bundles} bundles, concurrency ${concurrency}, plain pg + kafkajs`);
    const c = new Ceiling({
      databaseUrl: env.BENCH_CEILING_DATABASE_URL,
      brokers,
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
      groupPrefix: env.KAFKA_GROUP_PREFIX,
      partitions: env.KAFKA_PARTITIONS,
    });
    const meter = new PhaseMeter({
      adminUrl: serverUrl(env.BENCH_CEILING_DATABASE_URL),
      database: databaseOf(env.BENCH_CEILING_DATABASE_URL),
      pids: { ...pids, ceiling: [process.pid] },
      counterUrl: env.BENCH_PG_COUNTER_URL,
      counterNames: ['ceiling'],
      brokers,
      topicPrefix: ceilingPrefix,
    });
    try {
      await c.setUp();
      await meter.begin();
      const r = await c.run(work, pairs, concurrency, timeoutMs);
      ceiling = { ...r, cost: await meter.end(bundles) };
    } finally {
      await c.close();
    }
    checks.ceiling = {
      ok: ceiling.ok,
      detail: `${ceiling.checks.deliveredExactlyOnce}; ${ceiling.checks.order}`,
    };
  }
  const ratio = (a: number, b: number | undefined) => (b ? round(a / b, 3) : null);

  const memory = Object.fromEntries(
    SERVICES.map((s) => [
      s,
      {
        beforeMB: mb(before[s]?.residentBytes),
        peakMB: mb(peak[s]),
        afterMB: mb(after[s]?.residentBytes),
        // CPU the service used from the first send to the last delivery, as a share of one core.
        cpuSeconds: cpu(before, after, s),
        cpuCores: round((cpu(before, after, s) ?? 0) / (windowMs / 1000), 2),
      },
    ]),
  );
  const result = {
    date: new Date().toISOString(),
    config: {
      bundles,
      concurrency,
      pairs: pairCount,
      rows,
      planRowsPerBundle: work[0].planRows,
      filesPerBundle,
      bundleKiB: round(totalBytes / bundles / 1024, 1),
      gateway,
    },
    // Other work on the machine skews every figure: the 1-minute load average before and after the run.
    machine: {
      cpus: availableParallelism(),
      loadBefore: round(loadBefore, 2),
      loadAfter: round(loadAfter, 2),
    },
    accept: {
      seconds: round(sendMs / 1000, 2),
      bundlesPerSec: rate(accepted.length, sendMs),
      filesPerSec: rate(accepted.length * filesPerBundle, sendMs),
      mbPerSec: rate(megabytes(accepted.reduce((n, s) => n + s.bundle.bytes, 0)), sendMs, 2),
      latencyMs: latency(sent.map((s) => s.ms)),
      // The same run's bundles, alternately with the key and with a token: what verifying a token costs.
      latencyMsByCredential: {
        apiKey: latency(sent.filter((s) => s.credential === 'apiKey').map((s) => s.ms)),
        accessToken: latency(sent.filter((s) => s.credential === 'accessToken').map((s) => s.ms)),
      },
    },
    endToEnd: {
      latencyMs: latency(e2e),
      acceptedToValidatedMs: latency(toValidated),
      validatedToDeliveredMs: latency(toDelivered),
      delivered: delivered.length,
      deliveredBundlesPerSec: rate(delivered.length, deliveredSpanMs),
      firstAcceptToLastDeliveredSeconds: round(deliveredSpanMs / 1000, 2),
    },
    errors,
    rejected: rejected.length,
    cost: pipelineCost,
    ceiling,
    // The pipeline's throughput as a share of the ceiling's, measured in the same run.
    ratio: {
      accept: ratio(rate(accepted.length, sendMs), ceiling?.accept.bundlesPerSec),
      delivered: ratio(rate(delivered.length, deliveredSpanMs), ceiling?.endToEnd.deliveredBundlesPerSec),
    },
    memory,
    checks: Object.fromEntries(
      Object.entries(checks).map(([k, c]) => [k, `${c.ok ? 'PASS' : 'FAIL'}: ${c.detail}`]),
    ),
  };
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  printTable(result, memory, checks);
  printCosts(pipelineCost, ceiling, result.ratio);
  if (Object.values(checks).some((c) => !c.ok)) process.exitCode = 1;
});

async function ready(urls: Record<string, string>): Promise<void> {
  for (const [name, url] of Object.entries(urls)) {
    const ok = await fetch(new URL('/health/ready', url)).then(
      (r) => r.ok,
      () => false,
    );
    if (!ok) {
      throw new Error(
        `${name} at ${url} is not ready: start the services (npm start) or run npm run bench, which starts its own`,
      );
    }
  }
}

/** POST /v1/auth/token with the key: an access token for the token half of the run. */
async function accessToken(gateway: string, apiKey: string): Promise<string> {
  const res = await fetch(new URL('/v1/auth/token', gateway), {
    method: 'POST',
    headers: { 'x-api-key': apiKey, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const body = (await res.json()) as Json;
  if (res.status !== 200 || typeof body.access_token !== 'string')
    throw new Error(`no access token: ${res.status} ${String(body.code)}`);
  return body.access_token;
}

async function send(
  gateway: string,
  headers: Record<string, string>,
  credential: Credential,
  to: string,
  bundle: BenchBundle,
): Promise<Sent> {
  const form = new FormData();
  form.append('to', to);
  for (const f of bundle.files) form.append('files', new Blob([Buffer.from(f.bytes)]), f.name);
  const t = performance.now();
  try {
    const res = await fetch(new URL('/v1/submissions', gateway), {
      method: 'POST',
      headers,
      body: form,
    });
    const body = (await res.json().catch(() => ({}))) as Json;
    const ms = performance.now() - t;
    if (res.status !== 202) {
      const code = typeof body.code === 'string' ? ` ${body.code}` : '';
      return {
        bundle,
        credential,
        status: res.status,
        error: `${res.status}${code}`,
        ms,
        id: null,
        sequence: null,
      };
    }
    return {
      bundle,
      credential,
      status: 202,
      error: null,
      ms,
      id: String(body.id),
      sequence: Number(body.sequence),
    };
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    return {
      bundle,
      credential,
      status: 0,
      error: `network ${cause}`,
      ms: performance.now() - t,
      id: null,
      sequence: null,
    };
  }
}

/** Waits until no submission of the run is still accepted or validated; false on timeout. */
async function waitSettled(
  gateway: string,
  pairs: { sender: string }[],
  key: (office: string) => string,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let pending = false;
    for (const p of pairs) {
      for (const status of ['accepted', 'validated']) {
        const page = await getJson(gateway, key(p.sender), `/v1/submissions?status=${status}&limit=1`);
        if ((page.items as Json[]).length > 0) pending = true;
      }
      if (pending) break;
    }
    if (!pending) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function diff(from: number | null, to: number | null): number[] {
  return from !== null && to !== null ? [to - from] : [];
}

/** Each accepted bundle is in its receiver's inbox once, and the inbox holds nothing else from the sender. */
function exactlyOnce(pairs: number, accepted: Sent[], inboxes: Json[][]): Check {
  const problems: string[] = [];
  for (let p = 0; p < pairs; p++) {
    const ids = new Set(accepted.filter((s) => s.bundle.pair === p).map((s) => String(s.id)));
    const seen = new Map<string, number>();
    for (const e of inboxes[p]) seen.set(String(e.submissionId), (seen.get(String(e.submissionId)) ?? 0) + 1);
    const missing = [...ids].filter((id) => !seen.has(id)).length;
    const twice = [...seen.values()].filter((n) => n > 1).length;
    const foreign = [...seen.keys()].filter((id) => !ids.has(id)).length;
    if (missing || twice || foreign || inboxes[p].length !== ids.size) {
      problems.push(
        `pair ${p + 1}: sent ${ids.size}, inbox ${inboxes[p].length} (missing ${missing}, twice ${twice}, unknown ${foreign})`,
      );
    }
  }
  const total = inboxes.reduce((n, i) => n + i.length, 0);
  return problems.length
    ? { ok: false, detail: problems.join('; ') }
    : { ok: true, detail: `${total} inbox entries = ${accepted.length} accepted, each once` };
}

/**
 * Per pair, in acceptance order: the inbox sequence is the one the 202 answered, and it increases; and
 * the deliveries happened in that order (deliveredAt never goes back).
 */
function order(pairs: number, accepted: Sent[], inboxes: Json[][], timelines: Map<string, Json>): Check {
  const problems: string[] = [];
  for (let p = 0; p < pairs; p++) {
    const byId = new Map(inboxes[p].map((e) => [String(e.submissionId), e]));
    const accepts = accepted
      .filter((s) => s.bundle.pair === p && byId.has(String(s.id)))
      .map((s) => ({
        s,
        at: String((timelines.get(String(s.id))?.timeline as Json | undefined)?.acceptedAt),
      }))
      .sort((a, b) => a.at.localeCompare(b.at) || (a.s.sequence ?? 0) - (b.s.sequence ?? 0));
    let lastSeq = 0;
    let lastDelivered = '';
    let bad = 0;
    for (const { s } of accepts) {
      const entry = byId.get(String(s.id)) as Json;
      const seq = Number(entry.sequence);
      const at = String(entry.deliveredAt);
      if (seq !== s.sequence || seq <= lastSeq || at < lastDelivered) bad++;
      lastSeq = seq;
      lastDelivered = at;
    }
    if (bad) problems.push(`pair ${p + 1}: ${bad} of ${accepts.length} out of order`);
  }
  return problems.length
    ? { ok: false, detail: problems.join('; ') }
    : { ok: true, detail: `sequence and delivery follow acceptance in all ${pairs} pairs` };
}

function mb(v: number | null | undefined): number | null {
  return v === null || v === undefined ? null : round(v / 1048576, 1);
}

function cpu(before: Samples, after: Samples, s: (typeof SERVICES)[number]): number | null {
  const a = before[s];
  const b = after[s];
  return a && b ? round(b.cpuSeconds - a.cpuSeconds, 2) : null;
}

function note(line: string): void {
  process.stderr.write(`bench-pipeline: ${line}\n`);
}

function printTable(
  r: {
    accept: {
      bundlesPerSec: number;
      filesPerSec: number;
      mbPerSec: number;
      latencyMs: object;
      latencyMsByCredential: { apiKey: object; accessToken: object };
    };
    endToEnd: {
      latencyMs: object;
      acceptedToValidatedMs: object;
      validatedToDeliveredMs: object;
      deliveredBundlesPerSec: number;
    };
    errors: Record<string, number>;
    machine: { cpus: number; loadBefore: number; loadAfter: number };
  },
  memory: Record<string, object>,
  checks: Record<string, Check>,
): void {
  const ms = (l: object) => {
    const v = l as { p50: number | null; p95: number | null; p99: number | null; max: number | null };
    return `p50 ${v.p50} / p95 ${v.p95} / p99 ${v.p99} / max ${v.max} ms`;
  };
  const lines: [string, string][] = [
    [
      'accept throughput',
      `${r.accept.bundlesPerSec} bundles/s, ${r.accept.filesPerSec} files/s, ${r.accept.mbPerSec} MB/s`,
    ],
    ['accept latency (202)', ms(r.accept.latencyMs)],
    ['  with the API key', ms(r.accept.latencyMsByCredential.apiKey)],
    ['  with an access token', ms(r.accept.latencyMsByCredential.accessToken)],
    ['accepted → delivered', ms(r.endToEnd.latencyMs)],
    ['  accepted → validated', ms(r.endToEnd.acceptedToValidatedMs)],
    ['  validated → delivered', ms(r.endToEnd.validatedToDeliveredMs)],
    ['delivered throughput', `${r.endToEnd.deliveredBundlesPerSec} bundles/s`],
    ['machine', `${r.machine.cpus} cpus, load ${r.machine.loadBefore} before, ${r.machine.loadAfter} after`],
    [
      'errors',
      Object.keys(r.errors).length
        ? Object.entries(r.errors)
            .map(([k, n]) => `${k}: ${n}`)
            .join(', ')
        : 'none',
    ],
    ...Object.entries(memory).map(([s, m]): [string, string] => {
      const v = m as {
        beforeMB: number;
        peakMB: number;
        afterMB: number;
        cpuSeconds: number;
        cpuCores: number;
      };
      return [
        `${s}`,
        `RSS ${v.beforeMB} → peak ${v.peakMB} → ${v.afterMB} MB, CPU ${v.cpuSeconds} s (${v.cpuCores} cores)`,
      ];
    }),
    ...Object.entries(checks).map(([k, c]): [string, string] => [
      `check ${k}`,
      `${c.ok ? 'PASS' : 'FAIL'} ${c.detail}`,
    ]),
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  process.stderr.write(lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n');
}

function printCosts(
  pipeline: PhaseCost,
  ceiling: (CeilingResult & { cost: PhaseCost }) | null,
  ratio: { accept: number | null; delivered: number | null },
): void {
  const kv = (o: Record<string, number> | null) =>
    o
      ? Object.entries(o)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')
      : 'not counted (no pg-count-proxy)';
  const cost = (name: string, c: PhaseCost): [string, string][] => [
    [`${name} CPU ms/bundle`, kv(c.cpuMsPerBundle)],
    [
      `${name} per bundle`,
      `${c.transactionsPerBundle} transactions, ${c.kafkaRecordsPerBundle} Kafka records produced`,
    ],
    [`${name} round trips/bundle`, kv(c.roundTripsPerBundle)],
    [`${name} load`, `${c.load.before.join(' ')} → ${c.load.after.join(' ')}`],
  ];
  const lines: [string, string][] = [...cost('pipeline', pipeline)];
  if (ceiling) {
    const ms = (l: { p50: number | null; p99: number | null }) => `p50 ${l.p50} / p99 ${l.p99} ms`;
    lines.push(
      [
        'ceiling throughput',
        `accept ${ceiling.accept.bundlesPerSec} bundles/s (${ms(ceiling.accept.latencyMs)}), delivered ${ceiling.endToEnd.deliveredBundlesPerSec} bundles/s (${ms(ceiling.endToEnd.latencyMs)})`,
      ],
      ['pipeline ÷ ceiling', `accept ${ratio.accept}, delivered ${ratio.delivered}`],
      ...cost('ceiling', ceiling.cost),
    );
  }
  const width = Math.max(...lines.map(([k]) => k.length));
  process.stderr.write(lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n');
}
