// Recovery probe (a script, not a test): how soon delivery resumes after kill -9 of the broker or a service.
//   npm run --silent recovery-probe -- [--scenarios broker,router] [--outage 10] [--interval 500] [--target 10]
// Starts a system of its own — a Kafka broker on free ports with its own state directory, a database
// probe_<run>, the four built services — and sends a steady load of valid bundles. Per scenario it kills,
// restarts and measures the seconds from the restart (broker ready; service started, and ready) to the first
// delivery of a bundle accepted after the kill. Prints JSON on stdout and a table on stderr; checks that every
// accepted bundle reached the receiver's inbox exactly once; exit 1 on a loss, a duplicate or a recovery slower
// than --target seconds. Logs: tmp/logs/chaos-<run>-<service>.log (the broker's: -kafka.log).
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';
import { benchBundle, benchPairs, usersForRows, type BenchBundle, type Pair } from './lib/bench-bundle';
import { round } from './lib/bench-stats';
import { ChaosBroker, freePort, ServiceProcess, sleep } from './lib/chaos-system';
import { OfficeSeeder } from './lib/seed-office';
import { runTool, toolsEnv } from './lib/tools.env';

const APPS = ['gateway', 'validator', 'router', 'archive'] as const;
type App = (typeof APPS)[number];
const LOGS = join(__dirname, '..', '..', 'tmp', 'logs');

interface Accepted {
  id: string;
  /** When the request was sent (this machine's clock, ms). */
  sentAt: number;
}

interface ScenarioResult {
  scenario: string;
  /** kill → broker ready, or kill → service restarted. */
  downSeconds: number;
  /** Service restarted → /health/ready (null for the broker). */
  startToReadySeconds: number | null;
  /** The figure of the target: broker ready, or service restarted → first delivery of a bundle accepted after the kill. */
  recoverySeconds: number | null;
  readyToFirstDeliverySeconds: number | null;
  /** Restart → every bundle accepted so far delivered. */
  drainedSeconds: number | null;
  acceptedWhileDown: number;
}

const POLL_MS = 100;

runTool('recovery-probe', async () => {
  const { values } = parseArgs({
    options: {
      scenarios: { type: 'string', default: 'broker,router' },
      outage: { type: 'string', default: '10' },
      interval: { type: 'string', default: '500' },
      target: { type: 'string', default: '10' },
      timeout: { type: 'string', default: '120' },
    },
  });
  const scenarios = values.scenarios.split(',').map((s) => s.trim());
  for (const s of scenarios) {
    if (s !== 'broker' && !APPS.includes(s as App))
      throw new Error(`--scenarios: "${s}" is not broker or one of ${APPS.join(', ')}`);
  }
  const outageMs = Number(values.outage) * 1000;
  const intervalMs = Number(values.interval);
  const targetSeconds = Number(values.target);
  const timeoutMs = Number(values.timeout) * 1000;

  const env = toolsEnv();
  const runId = `probe_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const databaseUrl = new URL(env.DATABASE_URL);
  databaseUrl.pathname = `/${runId}`;
  const stateDir = mkdtempSync(join(tmpdir(), 'careplan-probe-'));
  const broker = new ChaosBroker(stateDir);
  await broker.start(true).catch((e: unknown) => {
    rmSync(stateDir, { recursive: true, force: true });
    throw e;
  });
  // A public and an internal port per service, picked at once: a second round could be handed a port of the
  // first, closed again by then.
  const picked = await Promise.all([...APPS, ...APPS].map(() => freePort()));
  const [ports, internalPorts] = [picked.slice(0, APPS.length), picked.slice(APPS.length)];
  const serviceEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    KAFKA_BROKERS: broker.brokers,
    KAFKA_GROUP_PREFIX: runId,
    BULLMQ_PREFIX: runId,
    REDIS_URL: env.REDIS_URL,
    LOG_LEVEL: 'warn',
    // The services call each other on their internal listeners.
    ARCHIVE_URL: `http://127.0.0.1:${internalPorts[APPS.indexOf('archive')]}`,
    ROUTER_URL: `http://127.0.0.1:${internalPorts[APPS.indexOf('router')]}`,
    GATEWAY_URL: `http://127.0.0.1:${internalPorts[APPS.indexOf('gateway')]}`,
    // The archive's overview reads the others' health and metrics on their public listeners.
    GATEWAY_PUBLIC_URL: `http://127.0.0.1:${ports[APPS.indexOf('gateway')]}`,
    VALIDATOR_PUBLIC_URL: `http://127.0.0.1:${ports[APPS.indexOf('validator')]}`,
    ROUTER_PUBLIC_URL: `http://127.0.0.1:${ports[APPS.indexOf('router')]}`,
  };
  const services = new Map(
    APPS.map((app, i) => [
      app,
      new ServiceProcess(app, `${runId}-${app}`, ports[i], internalPorts[i], serviceEnv),
    ]),
  );
  const db = new Client({ connectionString: databaseUrl.toString() });
  let load: Load | null = null;

  try {
    note(`run ${runId}: broker on ${broker.brokers}, services on ${ports.join(', ')}`);
    await promisify(execFile)(process.execPath, [join(__dirname, 'migrate.js')], { env: serviceEnv });
    for (const s of services.values()) s.start();
    for (const s of services.values()) await s.ready();
    await db.connect();

    const [pair] = benchPairs(1);
    const seeder = new OfficeSeeder({
      opsUrl: services.get('archive')!.url,
      gatewayUrl: services.get('gateway')!.url,
      databaseUrl: databaseUrl.toString(),
    });
    const senderKey = (await seeder.seed(pair.sender, 'プローブ居宅介護支援')).apiKey;
    await seeder.seed(pair.receiver, 'プローブ訪問介護');
    load = new Load(services.get('gateway')!.url, senderKey, pair, intervalMs);
    load.start();
    await drained(db, load, Date.now(), timeoutMs);

    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      note(`scenario ${scenario}`);
      const result =
        scenario === 'broker'
          ? await brokerScenario(db, load, broker, outageMs, timeoutMs)
          : await serviceScenario(db, load, services.get(scenario as App)!, scenario, timeoutMs);
      results.push(result);
      note(
        `${scenario}: first delivery ${result.recoverySeconds ?? 'never'} s after the restart, drained after ${result.drainedSeconds ?? 'never'} s`,
      );
    }

    await load.stop();
    const settled = (await drained(db, load, Date.now(), timeoutMs)) !== null;
    const tally = await tallyInbox(db, load.accepted, pair);
    const slow = results.filter((r) => r.recoverySeconds === null || r.recoverySeconds > targetSeconds);
    const checks = {
      exactlyOnce:
        tally.missing === 0 && tally.duplicated === 0 && tally.unknown === 0 && settled
          ? `PASS: ${tally.accepted} accepted, each delivered once`
          : `FAIL: ${tally.missing} missing, ${tally.duplicated} twice, ${tally.unknown} unknown of ${tally.accepted}`,
      recovery: slow.length
        ? `FAIL: ${slow.map((r) => r.scenario).join(', ')} over ${targetSeconds} s`
        : `PASS: every scenario within ${targetSeconds} s`,
    };
    const result = {
      date: new Date().toISOString(),
      config: { scenarios, outageSeconds: outageMs / 1000, intervalMs, targetSeconds },
      machine: { load: round(loadavg()[0], 2) },
      scenarios: results,
      totals: { ...tally, sendErrors: load.errors },
      checks,
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    printTable(results, checks);
    if (Object.values(checks).some((c) => c.startsWith('FAIL'))) process.exitCode = 1;
  } finally {
    await load?.stop();
    await db.end().catch(() => undefined);
    await Promise.allSettled([...services.values()].map((s) => s.kill('SIGTERM')));
    await broker.stop();
    keepBrokerLog(stateDir, `chaos-${runId}-kafka.log`);
    rmSync(stateDir, { recursive: true, force: true });
    await dropDatabase(databaseUrl.toString()).catch(() => undefined);
    await deleteRedisKeys(env.REDIS_URL, runId).catch(() => undefined);
  }
});

/** kill -9 of the broker, `outageMs` without it while bundles keep coming, then a restart. */
async function brokerScenario(
  db: Client,
  load: Load,
  broker: ChaosBroker,
  outageMs: number,
  timeoutMs: number,
): Promise<ScenarioResult> {
  const killedAt = Date.now();
  broker.kill();
  await sleep(outageMs);
  await broker.start();
  const readyAt = Date.now();
  const first = await firstDeliveryAfter(db, load, killedAt, timeoutMs);
  const drainedAt = await drained(db, load, readyAt, timeoutMs);
  return {
    scenario: 'broker',
    downSeconds: seconds(killedAt, readyAt),
    startToReadySeconds: null,
    recoverySeconds: first && seconds(readyAt, first),
    readyToFirstDeliverySeconds: first && seconds(readyAt, first),
    drainedSeconds: drainedAt && seconds(readyAt, drainedAt),
    acceptedWhileDown: load.acceptedBetween(killedAt, readyAt),
  };
}

/** kill -9 of one service and an immediate restart, as a supervisor would. */
async function serviceScenario(
  db: Client,
  load: Load,
  service: ServiceProcess,
  scenario: string,
  timeoutMs: number,
): Promise<ScenarioResult> {
  const killedAt = Date.now();
  await service.kill();
  const startedAt = Date.now();
  service.start();
  await service.ready(timeoutMs);
  const readyAt = Date.now();
  const first = await firstDeliveryAfter(db, load, killedAt, timeoutMs);
  const drainedAt = await drained(db, load, startedAt, timeoutMs);
  return {
    scenario,
    downSeconds: seconds(killedAt, startedAt),
    startToReadySeconds: seconds(startedAt, readyAt),
    recoverySeconds: first && seconds(startedAt, first),
    readyToFirstDeliverySeconds: first && Math.max(0, seconds(readyAt, first)),
    drainedSeconds: drainedAt && seconds(startedAt, drainedAt),
    acceptedWhileDown: load.acceptedBetween(killedAt, readyAt),
  };
}

/** Sends one valid bundle every `intervalMs`, each retried with its Idempotency-Key until answered 202. */
class Load {
  readonly accepted: Accepted[] = [];
  readonly errors: Record<string, number> = {};
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly users = usersForRows(10);

  constructor(
    private readonly gateway: string,
    private readonly apiKey: string,
    private readonly pair: Pair,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  acceptedBetween(from: number, to: number): number {
    return this.accepted.filter((a) => a.sentAt >= from && a.sentAt <= to).length;
  }

  private async run(): Promise<void> {
    for (let i = 0; this.running; i++) {
      const started = Date.now();
      const id = await this.send(benchBundle(i, 0, this.pair, this.users));
      if (id) this.accepted.push({ id, sentAt: started });
      await sleep(Math.max(0, this.intervalMs - (Date.now() - started)));
    }
  }

  private async send(bundle: BenchBundle): Promise<string | null> {
    const key = randomUUID();
    while (this.running) {
      const form = new FormData();
      form.append('to', this.pair.receiver);
      for (const f of bundle.files) form.append('files', new Blob([Buffer.from(f.bytes)]), f.name);
      try {
        const res = await fetch(new URL('/v1/submissions', this.gateway), {
          method: 'POST',
          headers: { 'x-api-key': this.apiKey, 'idempotency-key': key },
          body: form,
          signal: AbortSignal.timeout(15_000),
        });
        const body = (await res.json().catch(() => ({}))) as { id?: string; code?: string };
        if (res.status === 202 && body.id) return body.id;
        this.count(`${res.status}${body.code ? ` ${body.code}` : ''}`);
        if (res.status < 500) return null;
      } catch (e) {
        this.count(`network ${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name}`);
      }
      await sleep(500);
    }
    return null;
  }

  private count(error: string): void {
    this.errors[error] = (this.errors[error] ?? 0) + 1;
  }
}

/** How many inbox entries each submission has (the receiver's view of delivery). */
async function inboxCounts(db: Client, ids: string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ id: string; n: string }>(
    `SELECT submission_id AS id, count(*) AS n FROM gateway.inbox_entries
     WHERE submission_id = ANY($1::uuid[]) GROUP BY submission_id`,
    [ids],
  );
  return new Map(rows.rows.map((r) => [r.id, Number(r.n)]));
}

/** When the first bundle sent after `since` reached the inbox; null on timeout. */
async function firstDeliveryAfter(db: Client, load: Load, since: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ids = load.accepted.filter((a) => a.sentAt > since).map((a) => a.id);
    if (ids.length > 0 && (await inboxCounts(db, ids)).size > 0) return Date.now();
    await sleep(POLL_MS);
  }
  return null;
}

/** When every bundle accepted before `asOf` (or before the load stopped) is in the inbox; null on timeout. */
async function drained(db: Client, load: Load, asOf: number, timeoutMs: number) {
  const ids = load.accepted.filter((a) => a.sentAt <= asOf).map((a) => a.id);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await inboxCounts(db, ids)).size === ids.length) return Date.now();
    await sleep(POLL_MS);
  }
  return null;
}

async function tallyInbox(db: Client, accepted: Accepted[], pair: Pair) {
  const counts = await inboxCounts(
    db,
    accepted.map((a) => a.id),
  );
  const total = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM gateway.inbox_entries WHERE sender_office_number = $1`,
    [pair.sender],
  );
  const once = [...counts.values()].filter((n) => n === 1).length;
  const inInbox = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    accepted: accepted.length,
    deliveredOnce: once,
    missing: accepted.length - counts.size,
    duplicated: [...counts.values()].filter((n) => n > 1).length,
    unknown: Number(total.rows[0].n) - inInbox,
  };
}

function seconds(from: number, to: number): number {
  return round((to - from) / 1000, 1);
}

function note(line: string): void {
  process.stderr.write(`recovery-probe: ${line}\n`);
}

function printTable(results: ScenarioResult[], checks: Record<string, string>): void {
  const header = [
    'scenario',
    'down s',
    'start→ready s',
    'recovery s',
    'ready→first s',
    'drained s',
    'accepted down',
  ];
  const rows = results.map((r) =>
    [
      r.scenario,
      r.downSeconds,
      r.startToReadySeconds ?? '–',
      r.recoverySeconds ?? 'never',
      r.readyToFirstDeliverySeconds ?? 'never',
      r.drainedSeconds ?? 'never',
      r.acceptedWhileDown,
    ].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  const checkLines = Object.entries(checks).map(([k, v]) => `check ${k}: ${v}`);
  process.stderr.write([line(header), ...rows.map(line), ...checkLines].join('\n') + '\n');
}

/** The broker's log, kept in tmp/logs before its state directory goes. */
function keepBrokerLog(stateDir: string, name: string): void {
  const out = join(stateDir, 'kafka.out');
  if (!existsSync(out)) return;
  mkdirSync(LOGS, { recursive: true });
  copyFileSync(out, join(LOGS, name));
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** This run's BullMQ keys in the shared Redis. */
async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
