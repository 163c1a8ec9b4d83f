// Benchmark of the running pipeline (a script, not a test): gateway → Kafka → validator → router → inbox.
// Needs the four services running (npm start, or `npm run bench`, which starts its own on 4000–4003):
//   node dist/tools/bench-pipeline.js --bundles 200 --concurrency 8 --pairs 4 --rows 50 [--urls g,v,r,a[,g2,…]]
//   … --rate 100 [--bundles 3000 --max-inflight 200]      a fixed rate (open loop) instead of a concurrency
//   … --soak 300 [--rate 50]                              that rate for 300 s, memory sampled every 10 s
// Seeds fresh sender → receiver pairs, sends the bundles (第6表 予定, 第7表, 利用者補足情報 and a PDF) with
// the given concurrency (closed loop) or at the given rate (lib/bench-rate.ts), round-robin over the gateways
// when --urls names several instances, waits until every one is delivered, and prints the figures as JSON on
// stdout and a short table on stderr. Checks that each bundle reached its receiver's inbox exactly once and that
// every pair's inbox follows acceptance order (and, with instances, that each consumer group's members all got
// partitions; after a soak, that each instance's memory levelled off: lib/bench-soak.ts); exit 1 when a check
// fails. Then, in the closed loop only, on the same bundles and with the same concurrency, the machine's ceiling
// (lib/bench-ceiling.ts) when BENCH_CEILING_DATABASE_URL names its database; and what each phase cost per bundle:
// CPU ms of each process (BENCH_PIDS), transactions, round trips (through tools/pg-count-proxy.ts,
// BENCH_PG_COUNTER_URL) and Kafka records.
import 'reflect-metadata';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { assertValid, benchBundle, benchPairs, usersForRows, type BenchBundle } from './lib/bench-bundle';
import {
  getAll,
  getJson,
  instanceUrls,
  memorySampler,
  metricsText,
  sampleAll,
  SERVICES,
  serviceUrls,
  type Json,
  type MemorySample,
  type Samples,
} from './lib/bench-http';
import { Ceiling, type CeilingResult } from './lib/bench-ceiling';
import {
  byConsumer,
  countsSince,
  messageCounts,
  serviceOf,
  type GroupMember,
  type MessageCounts,
  waitCaughtUp,
} from './lib/bench-instances';
import { parsePids, PhaseMeter, STATS_FLUSH_MS, type PhaseCost } from './lib/bench-measure';
import { defaultMaxInFlight, openLoop, type OpenLoopResult } from './lib/bench-rate';
import { levelOff, type LevelOff } from './lib/bench-soak';
import { latency, megabytes, rate, round } from './lib/bench-stats';
import { OfficeSeeder } from './lib/seed-office';
import { runTool, toolsEnv } from './lib/tools.env';

/** Half the bundles go with the key, half with an access token for it: the guard's two paths, same run. */
type Credential = 'apiKey' | 'accessToken';

/** What was sent is kept without its bytes: a soak sends more bundles than are worth holding. */
interface Sent {
  pair: number;
  bytes: number;
  /** The gateway instance it went to. */
  gateway: string;
  credential: Credential;
  status: number;
  /** HTTP status and problem code, or "network <reason>", for anything but 202. */
  error: string | null;
  ms: number;
  /** At a fixed rate, how long after its scheduled time the send started (0 in the closed loop). */
  lateMs: number;
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

/**
 * closed: `concurrency` senders, each sending its next bundle once the last one was answered. rate: a bundle
 * every 1/rate s whatever the answers (open loop), at most maxInFlight unanswered. soak: the same for `seconds`.
 */
type Mode =
  | { kind: 'closed'; concurrency: number }
  | { kind: 'rate'; rate: number; maxInFlight: number }
  | { kind: 'soak'; rate: number; maxInFlight: number; seconds: number };

/** The soak's memory series: a sample every 10 s. */
const SOAK_SAMPLE_MS = 10_000;
const SOAK_DEFAULT_RATE = 50;
/** A fixed-rate run without --bundles: 30 s of sends, enough samples for a p99. */
const RATE_DEFAULT_SECONDS = 30;

function modeOf(v: Record<string, string | undefined>): { mode: Mode; bundles: number } {
  const fixed = v.rate !== undefined || v.soak !== undefined;
  if (fixed && v.concurrency !== undefined)
    throw new Error('--concurrency is for the closed loop; --rate and --soak send at a fixed rate');
  if (!fixed) {
    if (v['max-inflight'] !== undefined) throw new Error('--max-inflight needs --rate or --soak');
    return {
      mode: { kind: 'closed', concurrency: positive('concurrency', v.concurrency, 8) },
      bundles: positive('bundles', v.bundles, 200),
    };
  }
  const r = positive('rate', v.rate, SOAK_DEFAULT_RATE);
  const maxInFlight = positive('max-inflight', v['max-inflight'], defaultMaxInFlight(r));
  if (v.soak === undefined) {
    return {
      mode: { kind: 'rate', rate: r, maxInFlight },
      bundles: positive('bundles', v.bundles, RATE_DEFAULT_SECONDS * r),
    };
  }
  if (v.bundles !== undefined) throw new Error('--soak sends --rate × --soak bundles: leave --bundles out');
  const seconds = positive('soak', v.soak, 300);
  return { mode: { kind: 'soak', rate: r, maxInFlight, seconds }, bundles: r * seconds };
}

runTool('bench-pipeline', async () => {
  const { values } = parseArgs({
    options: {
      bundles: { type: 'string' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      soak: { type: 'string' },
      'max-inflight': { type: 'string' },
      pairs: { type: 'string' },
      rows: { type: 'string' },
      urls: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const { mode, bundles } = modeOf(values);
  const pairCount = Math.min(positive('pairs', values.pairs, 4), bundles);
  const rows = positive('rows', values.rows, 50);
  const timeoutMs = positive('timeout', values.timeout, 300) * 1000;
  const env = toolsEnv();
  const urls = serviceUrls(values.urls, env.GATEWAY_URL);
  // Every instance by name (gateway, …, gateway-2, …); bundles go round-robin over the gateways.
  const all = instanceUrls(values.urls, env.GATEWAY_URL);
  const instances = Object.keys(all).length / SERVICES.length;
  const gateways = Object.keys(all).filter((n) => serviceOf(n) === 'gateway');
  const gateway = urls.gateway;
  await ready(all);

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

  // Built before the clock starts: the client's CSV encoding is not the system's time. A soak builds each
  // bundle when it is due instead (about 1 ms each), so its thousands are not all held at once.
  const users = usersForRows(rows);
  const build = (i: number) => benchBundle(i, i % pairCount, pairs[i % pairCount], users);
  const work = mode.kind === 'soak' ? null : Array.from({ length: bundles }, (_, i) => build(i));
  const bundleAt = (i: number) => work?.[i] ?? build(i);
  const first = bundleAt(0);
  assertValid(first);
  const filesPerBundle = first.files.length;
  const bundleBytes = work ? work.reduce((n, b) => n + b.bytes, 0) / bundles : first.bytes;

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
    counterNames: Object.keys(all),
    brokers,
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    excludeTopicPrefix: ceilingPrefix,
  });
  // The seeding's statistics reach pg_stat_database first (see STATS_FLUSH_MS).
  note(`waiting ${STATS_FLUSH_MS / 1000} s for PostgreSQL's statistics`);
  await new Promise((r) => setTimeout(r, STATS_FLUSH_MS));
  await pipelineMeter.begin();

  const loadBefore = loadavg()[0];
  const before = await sampleAll(all);
  const countsBefore = await countsOf(all);
  const sampler = memorySampler(all, 1000, mode.kind === 'soak' ? SOAK_SAMPLE_MS : undefined);
  const how =
    mode.kind === 'closed'
      ? `concurrency ${mode.concurrency}`
      : `${mode.rate} bundles/s${mode.kind === 'soak' ? ` for ${mode.seconds} s` : ''} (at most ${mode.maxInFlight} in flight)`;
  note(
    `sending ${bundles} bundles (${filesPerBundle} files, UPPLAN ${first.planRows} rows, ~${Math.round(bundleBytes / 1024)} KiB each) over ${pairCount} pairs, ${how}${gateways.length > 1 ? `, round-robin over ${gateways.length} gateways` : ''}`,
  );

  const sent: Sent[] = [];
  const sendOne = async (i: number, lateMs = 0) => {
    const bundle = bundleAt(i);
    const { sender, receiver } = pairs[bundle.pair];
    const credential = credentialOf(i);
    // A round of one bundle a pair goes to one gateway, the next round to the next: each pair's bundles go
    // through every gateway (its order must hold across them), independently of the credential (i % 2).
    const g = gateways[Math.floor(i / pairCount) % gateways.length];
    sent.push({
      ...(await send(all[g], g, headersFor(sender, credential), credential, receiver, bundle)),
      lateMs,
    });
  };
  let loop: OpenLoopResult | null = null;
  const t0 = performance.now();
  if (mode.kind === 'closed') {
    let next = 0;
    await Promise.all(
      Array.from({ length: mode.concurrency }, async () => {
        while (next < bundles) await sendOne(next++);
      }),
    );
  } else {
    loop = await openLoop({ rate: mode.rate, count: bundles, maxInFlight: mode.maxInFlight }, sendOne);
  }
  const sendMs = performance.now() - t0;
  const accepted = sent.filter((s) => s.id !== null);
  note(`accepted ${accepted.length}/${bundles} in ${(sendMs / 1000).toFixed(1)} s; waiting for delivery`);

  const settled = await waitSettled(gateway, pairs, key, timeoutMs);
  const { peak, series } = await sampler.stop();
  const after = await sampleAll(all);
  const windowMs = performance.now() - t0;
  // Delivered is not the end of every consumer's work (the archive's history, the gateway's projection): what
  // each instance handled is read once every group has committed all it was given.
  const { members, lag } = await waitCaughtUp(
    brokers,
    env.KAFKA_GROUP_PREFIX,
    `${env.KAFKA_GROUP_PREFIX}.ceiling.`,
    30_000,
  );
  const handled = byConsumer(countsSinceAll(countsBefore, await countsOf(all)));
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
  if (instances > 1) checks.instancesShared = shared(members, instances);

  // The soak's series, in MB, and per instance whether it levelled off over the sending (not the drain after).
  let soak: {
    sampleEverySeconds: number;
    series: Record<string, number | null>[];
    levelOff: Record<string, LevelOff>;
  } | null = null;
  if (mode.kind === 'soak') {
    const sending = series.filter((p) => p.atSeconds <= sendMs / 1000 + 1);
    soak = {
      sampleEverySeconds: SOAK_SAMPLE_MS / 1000,
      series: series.map(seriesRow),
      levelOff: Object.fromEntries(
        Object.keys(all).map((n) => [
          n,
          levelOff(
            sending.flatMap((p) => {
              const v = p.residentBytes[n];
              return v === null || v === undefined ? [] : [{ atSeconds: p.atSeconds, mb: v / 1048576 }];
            }),
          ),
        ]),
      ),
    };
    checks.memoryLevelsOff = levelledCheck(soak.levelOff);
  }

  let ceiling: (CeilingResult & { cost: PhaseCost }) | null = null;
  if (mode.kind !== 'closed') {
    // A fixed rate is the throughput asked for, not one the system reached: nothing to divide by the ceiling's.
    note('ceiling: skipped at a fixed rate (it measures what a closed loop reaches)');
  } else if (env.BENCH_CEILING_DATABASE_URL && work) {
    note(`ceiling: the same ${bundles} bundles, concurrency ${mode.concurrency}, plain pg + kafkajs`);
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
      const r = await c.run(work, pairs, mode.concurrency, timeoutMs);
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
    Object.keys(all).map((s) => [
      s,
      {
        beforeMB: mb(before[s]?.residentBytes),
        peakMB: mb(peak[s]),
        afterMB: mb(after[s]?.residentBytes),
        // CPU the instance used from the first send to the last delivery, as a share of one core.
        cpuSeconds: cpu(before, after, s),
        cpuCores: round((cpu(before, after, s) ?? 0) / (windowMs / 1000), 2),
      },
    ]),
  );
  const acceptedBy = Object.fromEntries(
    gateways.map((g) => [g, accepted.filter((s) => s.gateway === g).length]),
  );
  const result = {
    date: new Date().toISOString(),
    config: {
      mode: mode.kind,
      bundles,
      concurrency: mode.kind === 'closed' ? mode.concurrency : null,
      rate: mode.kind === 'closed' ? null : mode.rate,
      maxInFlight: mode.kind === 'closed' ? null : mode.maxInFlight,
      soakSeconds: mode.kind === 'soak' ? mode.seconds : null,
      pairs: pairCount,
      rows,
      planRowsPerBundle: first.planRows,
      filesPerBundle,
      bundleKiB: round(bundleBytes / 1024, 1),
      gateway,
      instances,
      partitions: env.KAFKA_PARTITIONS,
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
      mbPerSec: rate(megabytes(accepted.reduce((n, s) => n + s.bytes, 0)), sendMs, 2),
      latencyMs: latency(sent.map((s) => s.ms)),
      // The same run's bundles, alternately with the key and with a token: what verifying a token costs.
      latencyMsByCredential: {
        apiKey: latency(sent.filter((s) => s.credential === 'apiKey').map((s) => s.ms)),
        accessToken: latency(sent.filter((s) => s.credential === 'accessToken').map((s) => s.ms)),
      },
      // At a fixed rate: whether the sends kept to it (late: ms after the scheduled start), and the 202 counted
      // from the scheduled start, as the client that meant to send then sees it (the same as latencyMs unless the
      // in-flight bound held sends back).
      openLoop: loop && {
        offeredPerSec: mode.kind === 'closed' ? null : mode.rate,
        maxInFlight: mode.kind === 'closed' ? null : mode.maxInFlight,
        peakInFlight: loop.peakInFlight,
        boundHits: loop.boundHits,
        lateMs: latency(loop.lateMs),
        latencyFromScheduleMs: latency(sent.map((s) => s.lateMs + s.ms)),
      },
      byGateway: acceptedBy,
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
    // Per consumer group: its members' partitions (from the broker) and what each instance handled (its /metrics).
    consumers: Object.fromEntries(
      Object.entries(handled).map(([c, byInstance]) => [
        c,
        {
          memberPartitions: (members[c] ?? []).map((m) => m.partitions),
          lagWhenCounted: lag[c] ?? null,
          handled: byInstance,
        },
      ]),
    ),
    memory,
    soak,
    checks: Object.fromEntries(
      Object.entries(checks).map(([k, c]) => [k, `${c.ok ? 'PASS' : 'FAIL'}: ${c.detail}`]),
    ),
  };
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  printTable(result, memory, checks);
  printCosts(pipelineCost, ceiling, result.ratio);
  if (soak) printSeries(soak);
  if (Object.values(checks).some((c) => !c.ok)) process.exitCode = 1;
});

async function countsOf(urls: Record<string, string>): Promise<Record<string, MessageCounts>> {
  const out: Record<string, MessageCounts> = {};
  for (const [name, url] of Object.entries(urls)) out[name] = messageCounts((await metricsText(url)) ?? '');
  return out;
}

function countsSinceAll(
  before: Record<string, MessageCounts>,
  after: Record<string, MessageCounts>,
): Record<string, MessageCounts> {
  return Object.fromEntries(Object.entries(after).map(([n, c]) => [n, countsSince(before[n] ?? {}, c)]));
}

/** Each consumer group of the run has one member per instance, and each member was given partitions. */
function shared(members: Record<string, GroupMember[]>, instances: number): Check {
  const groups = Object.entries(members);
  const problems = groups
    .filter(([, m]) => m.length !== instances || m.some((x) => x.partitions === 0))
    .map(
      ([g, m]) => `${g}: ${m.length} members, partitions ${m.map((x) => x.partitions).join('+') || 'none'}`,
    );
  if (groups.length === 0) return { ok: false, detail: 'no consumer group of the run found on the broker' };
  return problems.length
    ? { ok: false, detail: problems.join('; ') }
    : {
        ok: true,
        detail: `${groups.length} groups, ${instances} members each, every member with partitions`,
      };
}

function levelledCheck(byInstance: Record<string, LevelOff>): Check {
  const entries = Object.entries(byInstance);
  const short = entries.filter(([, l]) => l.levelled === null).map(([n]) => n);
  const growing = entries.filter(([, l]) => l.levelled === false);
  if (short.length)
    return { ok: false, detail: `too few samples to judge ${short.join(', ')} (a soak of 60 s or more)` };
  return growing.length
    ? {
        ok: false,
        detail: growing
          .map(
            ([n, l]) =>
              `${n} peaked ${l.lastThirdMaxMB} MB in the last third, ${l.beforeLastThirdMaxMB} before it`,
          )
          .join('; '),
      }
    : {
        ok: true,
        detail: `all ${entries.length} instances peaked no higher in the last third than before it`,
      };
}

function seriesRow(p: MemorySample): Record<string, number | null> {
  return {
    atSeconds: p.atSeconds,
    ...Object.fromEntries(Object.entries(p.residentBytes).map(([n, v]) => [n, mb(v)])),
  };
}

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
  gatewayUrl: string,
  gateway: string,
  headers: Record<string, string>,
  credential: Credential,
  to: string,
  bundle: BenchBundle,
): Promise<Omit<Sent, 'lateMs'>> {
  const form = new FormData();
  form.append('to', to);
  for (const f of bundle.files) form.append('files', new Blob([Buffer.from(f.bytes)]), f.name);
  const of = { pair: bundle.pair, bytes: bundle.bytes, gateway, credential };
  const t = performance.now();
  try {
    const res = await fetch(new URL('/v1/submissions', gatewayUrl), {
      method: 'POST',
      headers,
      body: form,
    });
    const body = (await res.json().catch(() => ({}))) as Json;
    const ms = performance.now() - t;
    if (res.status !== 202) {
      const code = typeof body.code === 'string' ? ` ${body.code}` : '';
      return { ...of, status: res.status, error: `${res.status}${code}`, ms, id: null, sequence: null };
    }
    return { ...of, status: 202, error: null, ms, id: String(body.id), sequence: Number(body.sequence) };
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    return {
      ...of,
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
    const ids = new Set(accepted.filter((s) => s.pair === p).map((s) => String(s.id)));
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
      .filter((s) => s.pair === p && byId.has(String(s.id)))
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

function cpu(before: Samples, after: Samples, s: string): number | null {
  const a = before[s];
  const b = after[s];
  return a && b ? round(b.cpuSeconds - a.cpuSeconds, 2) : null;
}

function note(line: string): void {
  process.stderr.write(`bench-pipeline: ${line}\n`);
}

type Row = [string, string];

function printRows(lines: Row[]): void {
  const width = Math.max(...lines.map(([k]) => k.length));
  process.stderr.write(lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n');
}

interface LatencyFigures {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

function printTable(
  r: {
    config: { mode: string; instances: number; partitions: number };
    accept: {
      bundlesPerSec: number;
      filesPerSec: number;
      mbPerSec: number;
      latencyMs: LatencyFigures;
      latencyMsByCredential: { apiKey: LatencyFigures; accessToken: LatencyFigures };
      openLoop: {
        offeredPerSec: number | null;
        maxInFlight: number | null;
        peakInFlight: number;
        boundHits: number;
        lateMs: LatencyFigures;
        latencyFromScheduleMs: LatencyFigures;
      } | null;
      byGateway: Record<string, number>;
    };
    endToEnd: {
      latencyMs: LatencyFigures;
      acceptedToValidatedMs: LatencyFigures;
      validatedToDeliveredMs: LatencyFigures;
      deliveredBundlesPerSec: number;
    };
    errors: Record<string, number>;
    machine: { cpus: number; loadBefore: number; loadAfter: number };
    consumers: Record<
      string,
      { memberPartitions: number[]; lagWhenCounted: number | null; handled: MessageCounts }
    >;
  },
  memory: Record<string, object>,
  checks: Record<string, Check>,
): void {
  const ms = (v: LatencyFigures) => `p50 ${v.p50} / p95 ${v.p95} / p99 ${v.p99} / max ${v.max} ms`;
  const loop = r.accept.openLoop;
  const gateways = Object.entries(r.accept.byGateway);
  const lines: Row[] = [
    [
      'accept throughput',
      `${r.accept.bundlesPerSec} bundles/s, ${r.accept.filesPerSec} files/s, ${r.accept.mbPerSec} MB/s`,
    ],
    ...(loop
      ? ([
          [
            'offered (open loop)',
            `${loop.offeredPerSec} bundles/s, in flight at most ${loop.peakInFlight} of ${loop.maxInFlight} allowed, bound reached ${loop.boundHits} times, sends late ${ms(loop.lateMs)}`,
          ],
        ] as Row[])
      : []),
    ['accept latency (202)', ms(r.accept.latencyMs)],
    ...(loop
      ? ([
          ['  from the scheduled send', ms(loop.latencyFromScheduleMs)],
          ['  issue 12 target', `202 p99 ≤ 250 ms at 100 bundles/s (from the schedule): ${targetMet(loop)}`],
        ] as Row[])
      : []),
    ['  with the API key', ms(r.accept.latencyMsByCredential.apiKey)],
    ['  with an access token', ms(r.accept.latencyMsByCredential.accessToken)],
    ...(gateways.length > 1
      ? ([['  accepted by', gateways.map(([g, n]) => `${g} ${n}`).join(', ')]] as Row[])
      : []),
    ['accepted → delivered', ms(r.endToEnd.latencyMs)],
    ['  accepted → validated', ms(r.endToEnd.acceptedToValidatedMs)],
    ['  validated → delivered', ms(r.endToEnd.validatedToDeliveredMs)],
    ['delivered throughput', `${r.endToEnd.deliveredBundlesPerSec} bundles/s`],
    [
      'system',
      `${r.config.instances} instance(s) of each service, ${r.config.partitions} partitions a topic`,
    ],
    ['machine', `${r.machine.cpus} cpus, load ${r.machine.loadBefore} before, ${r.machine.loadAfter} after`],
    [
      'errors',
      Object.keys(r.errors).length
        ? Object.entries(r.errors)
            .map(([k, n]) => `${k}: ${n}`)
            .join(', ')
        : 'none',
    ],
    ...Object.entries(r.consumers).map(([c, v]): Row => [
      `consumer ${c}`,
      `partitions per member ${v.memberPartitions.join('+') || '?'}; handled ${Object.entries(v.handled)
        .map(([i, o]) => `${i} ${outcomes(o)}`)
        .join(', ')}${v.lagWhenCounted ? `; ${v.lagWhenCounted} not yet committed` : ''}`,
    ]),
    ...Object.entries(memory).map(([s, m]): Row => {
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
    ...Object.entries(checks).map(([k, c]): Row => [`check ${k}`, `${c.ok ? 'PASS' : 'FAIL'} ${c.detail}`]),
  ];
  printRows(lines);
}

/** Issue 12's accept target, judged on the latency a client that meant to send on schedule sees. */
function targetMet(loop: { offeredPerSec: number | null; latencyFromScheduleMs: LatencyFigures }): string {
  if (loop.offeredPerSec !== 100) return `not judged at ${loop.offeredPerSec} bundles/s`;
  const p99 = loop.latencyFromScheduleMs.p99;
  return p99 !== null && p99 <= 250 ? `met (${p99} ms)` : `not met (${p99} ms)`;
}

/** "300 (processed 280, idle 20)": the messages an instance handled, by outcome. */
function outcomes(o: Record<string, number>): string {
  const total = Object.values(o).reduce((a, b) => a + b, 0);
  const parts = Object.entries(o)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`);
  return `${total}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** The soak's RSS series (MB), a row per sample, and each instance's verdict. */
function printSeries(soak: {
  series: Record<string, number | null>[];
  levelOff: Record<string, LevelOff>;
}): void {
  const names = Object.keys(soak.levelOff);
  const lines: Row[] = soak.series.map((p): Row => [
    `RSS at ${p.atSeconds} s`,
    names.map((n) => `${n} ${p[n]}`).join(', '),
  ]);
  for (const [n, l] of Object.entries(soak.levelOff)) {
    lines.push([
      `levels off ${n}`,
      `${l.levelled === null ? 'not judged' : l.levelled ? 'yes' : 'NO'}: peak ${l.beforeLastThirdMaxMB} MB in the first two thirds, ${l.lastThirdMaxMB} in the last (tolerance ${l.toleranceMB}); last half ${l.lastHalfGrowthMBPerMin} MB/min`,
    ]);
  }
  printRows(lines);
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
  const cost = (name: string, c: PhaseCost): Row[] => [
    [`${name} CPU ms/bundle`, kv(c.cpuMsPerBundle)],
    ...(c.cpuMsPerBundleByInstance ? ([[`  per instance`, kv(c.cpuMsPerBundleByInstance)]] as Row[]) : []),
    [
      `${name} per bundle`,
      `${c.transactionsPerBundle} transactions, ${c.kafkaRecordsPerBundle} Kafka records produced`,
    ],
    [`${name} round trips/bundle`, kv(c.roundTripsPerBundle)],
    ...(c.roundTripsPerBundleByInstance
      ? ([[`  per instance`, kv(c.roundTripsPerBundleByInstance)]] as Row[])
      : []),
    [`${name} load`, `${c.load.before.join(' ')} → ${c.load.after.join(' ')}`],
  ];
  const lines: Row[] = [...cost('pipeline', pipeline)];
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
  printRows(lines);
}
