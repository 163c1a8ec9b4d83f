// npm run --silent chaos -- [--scenarios a,b,…] [--seconds 30] [--rate 8] [--outage 30] [--pairs 2]
// The chaos suite (a script, not a timed test): a system of its own — a Kafka broker on free ports with its own
// state directory, a database chaos_<run>, the four services reaching PostgreSQL and Redis through TCP proxies it
// starts (the machine's servers are never touched) — under a steady load of valid bundles from clients that
// retry with the same Idempotency-Key, while each scenario in turn kills or cuts one part. After each scenario it
// settles and counts, from the API and the database: accepted, delivered exactly once, duplicated, lost, stuck,
// webhook pushes received more than once, new `.dlq` messages and seconds to recover. Prints the results as
// JSON on stdout and a table on stderr; exit 1 on any loss, duplicate or stuck bundle.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { benchBundle, benchPairs, type Pair } from './lib/bench-bundle';
import { getAll } from './lib/bench-http';
import { Outcome, sendUntilAccepted, steadyLoad, WebhookReceiver } from './lib/chaos-load';
import { TcpProxy } from './lib/chaos-proxy';
import { ChaosBroker, freePort, ServiceProcess, sleep } from './lib/chaos-system';
import { OfficeSeeder } from './lib/seed-office';
import { runTool } from './lib/tools.env';

const APPS = ['gateway', 'validator', 'router', 'archive'] as const;
type App = (typeof APPS)[number];
const CONSUMERS: App[] = ['validator', 'router', 'archive'];

interface Options {
  seconds: number;
  rate: number;
  outage: number;
  pairs: number;
  settle: number;
}

interface Fault {
  /** When the part came back (or, for a kill without restart, when it was killed). */
  restoredAt: number;
}

interface Scenario {
  name: string;
  what: string;
  run(sys: ChaosSystem, o: Options): Promise<Fault>;
}

const kill = (app: App): Scenario => ({
  name: `kill-${app}`,
  what: `kill -9 of the ${app}, restarted 2 s later`,
  run: async (sys) => {
    await sys.instance(app).kill();
    await sleep(2000);
    sys.instance(app).start();
    await sys.instance(app).ready();
    return { restoredAt: Date.now() };
  },
});

const cut = (dependency: 'postgres' | 'redis'): Scenario => ({
  name: `cut-${dependency}`,
  what: `${dependency === 'postgres' ? 'PostgreSQL' : 'Redis'} unreachable (TCP proxy cut) for the outage`,
  run: async (sys, o) => {
    const proxy = dependency === 'postgres' ? sys.pgProxy : sys.redisProxy;
    await proxy.cut();
    await sleep(o.outage * 1000);
    await proxy.restore();
    return { restoredAt: Date.now() };
  },
});

const SCENARIOS: Scenario[] = [
  {
    name: 'kill-broker',
    what: 'kill -9 of the Kafka broker, restarted 5 s later',
    run: async (sys) => {
      sys.broker.kill();
      await sleep(5000);
      await sys.broker.start();
      return { restoredAt: Date.now() };
    },
  },
  kill('gateway'),
  kill('validator'),
  kill('router'),
  kill('archive'),
  cut('postgres'),
  cut('redis'),
  {
    name: 'scale-out',
    what: 'two instances of each consumer; one of each killed -9 and not restarted',
    run: async (sys) => {
      for (const app of CONSUMERS) await sys.instance(app, 1).kill();
      return { restoredAt: Date.now() };
    },
  },
];

/** Everything the run started: broker, proxies, services, webhook receiver, and its offices' keys. */
class ChaosSystem {
  readonly services = new Map<string, ServiceProcess>();
  readonly keys = new Map<string, string>();
  readonly webhooks = new WebhookReceiver();
  readonly pgProxy = new TcpProxy(5432);
  readonly redisProxy = new TcpProxy(6379);
  readonly broker: ChaosBroker;
  readonly run = `chaos_${Date.now().toString(36)}_${process.pid}`;
  private readonly stateDir = mkdtempSync(join(tmpdir(), 'careplan-chaos-'));
  readonly directDb = `postgres://postgres@127.0.0.1:5432/${this.run}`;
  env: NodeJS.ProcessEnv = {};

  constructor() {
    this.broker = new ChaosBroker(this.stateDir);
  }

  instance(app: App, n = 0): ServiceProcess {
    const s = this.services.get(`${app}-${n}`);
    if (!s) throw new Error(`no instance ${n} of ${app}`);
    return s;
  }

  get gateway(): string {
    return this.instance('gateway').url;
  }

  async start(): Promise<void> {
    note(`run ${this.run}: database, broker, proxies`);
    await adminQuery(`CREATE DATABASE "${this.run}"`);
    await this.broker.start(true);
    await this.pgProxy.start();
    await this.redisProxy.start();
    await this.webhooks.start();
    const ports = {} as Record<App, number>;
    const internal = {} as Record<App, number>;
    for (const app of APPS) [ports[app], internal[app]] = await Promise.all([freePort(), freePort()]);
    this.env = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: `postgres://postgres@${this.pgProxy.address}/${this.run}`,
      REDIS_URL: `redis://${this.redisProxy.address}`,
      KAFKA_BROKERS: this.broker.brokers,
      KAFKA_TOPIC_PREFIX: `${this.run}.`,
      KAFKA_GROUP_PREFIX: this.run,
      BULLMQ_PREFIX: this.run,
      // The services call each other on their internal listeners (the archive the gateway's, for API keys).
      GATEWAY_URL: `http://127.0.0.1:${internal.gateway}`,
      ROUTER_URL: `http://127.0.0.1:${internal.router}`,
      ARCHIVE_URL: `http://127.0.0.1:${internal.archive}`,
      // …and the archive's overview reads the others' health and metrics on their public listeners.
      GATEWAY_PUBLIC_URL: `http://127.0.0.1:${ports.gateway}`,
      VALIDATOR_PUBLIC_URL: `http://127.0.0.1:${ports.validator}`,
      ROUTER_PUBLIC_URL: `http://127.0.0.1:${ports.router}`,
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      WEBHOOK_BACKOFF_MS: '500',
    };
    await migrate({ ...this.env, DATABASE_URL: this.directDb });
    for (const app of APPS) this.add(app, 0, ports[app], internal[app]);
    note('starting the four services');
    for (const s of this.services.values()) s.start();
    for (const s of this.services.values()) await s.ready();
  }

  private add(app: App, n: number, port: number, internalPort: number): ServiceProcess {
    const s = new ServiceProcess(app, `${this.run}-${app}-${n}`, port, internalPort, this.env);
    this.services.set(`${app}-${n}`, s);
    return s;
  }

  /** A second instance of each consumer, in the same consumer groups. */
  async scaleOut(): Promise<void> {
    for (const app of CONSUMERS) {
      const [port, internalPort] = await Promise.all([freePort(), freePort()]);
      const s = this.add(app, 1, port, internalPort);
      s.start();
      await s.ready();
    }
  }

  /** Offices of one scenario only, each with a webhook pointing at the receiver of this run. */
  async seedPairs(count: number): Promise<Pair[]> {
    const pairs = benchPairs(count);
    const seeder = new OfficeSeeder({
      opsUrl: this.instance('archive').url,
      gatewayUrl: this.gateway,
      databaseUrl: this.directDb,
    });
    for (const p of pairs) {
      for (const office of [p.sender, p.receiver]) {
        const { apiKey } = await seeder.seed(office, `カオス${office}`);
        this.keys.set(office, apiKey);
        const res = await fetch(`${this.gateway}/v1/webhook`, {
          method: 'PUT',
          headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
          body: JSON.stringify({ url: this.webhooks.urlFor(office) }),
        });
        if (!res.ok) throw new Error(`PUT /v1/webhook → ${res.status} ${await res.text()}`);
      }
    }
    return pairs;
  }

  key(office: string): string {
    return this.keys.get(office) ?? '';
  }

  /** Messages on this run's `.dlq` topics. */
  async dlqMessages(): Promise<number> {
    const admin = new Kafka({ brokers: [this.broker.brokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(this.run) && t.endsWith('.dlq'));
      let n = 0;
      for (const t of topics) {
        for (const p of await admin.fetchTopicOffsets(t)) n += Number(p.high) - Number(p.low);
      }
      return n;
    } finally {
      await admin.disconnect();
    }
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.services.values()].map((s) => s.kill('SIGTERM')));
    await this.broker.stop();
    await Promise.allSettled([this.pgProxy.stop(), this.redisProxy.stop(), this.webhooks.stop()]);
    rmSync(this.stateDir, { recursive: true, force: true });
    await adminQuery(`DROP DATABASE IF EXISTS "${this.run}" WITH (FORCE)`).catch(() => undefined);
  }
}

interface Result {
  scenario: string;
  what: string;
  sent: number;
  accepted: number;
  deliveredOnce: number;
  duplicated: number;
  /** Committed, delivered, but the client gave up before it heard 202 (it would get the same id on retry). */
  unconfirmed: number;
  lost: number;
  stuck: number;
  rejected: number;
  gaveUp: number;
  historyIncomplete: number;
  receiptsWrong: number;
  webhookDuplicates: number;
  webhookMissing: number;
  dlqMessages: number;
  recoverySeconds: number | null;
  errors: Record<string, number>;
}

let bundleCounter = 0;

async function runScenario(sys: ChaosSystem, sc: Scenario, o: Options): Promise<Result> {
  note(`scenario ${sc.name}: ${sc.what}`);
  if (sc.name === 'scale-out') await sys.scaleOut();
  const pairs = await sys.seedPairs(o.pairs);
  const dlqBefore = await sys.dlqMessages();
  const outcomes: Outcome[] = [];
  const clientDeadline = () => Date.now() + (o.outage + 120) * 1000;
  const load = steadyLoad(o.rate, async (n) => {
    const index = bundleCounter++;
    const pair = pairs[n % pairs.length];
    const outcome: Outcome = {
      key: `${sys.run}-${index}`,
      sender: pair.sender,
      receiver: pair.receiver,
      id: null,
      ids: new Set(),
      attempts: 0,
      acceptedAt: null,
      error: null,
    };
    outcomes.push(outcome);
    const bundle = benchBundle(index, n % pairs.length, pair, 1);
    await sendUntilAccepted(sys.gateway, sys.key(pair.sender), outcome, bundle, clientDeadline());
  });
  await sleep((o.seconds * 1000) / 3);
  const faultAt = Date.now();
  const fault = await sc.run(sys, o);
  const rest = Math.max(8000, (o.seconds * 2000) / 3 - (Date.now() - faultAt));
  await sleep(rest);
  const sent = await load.stop();
  note(`${sc.name}: ${sent} sent; settling`);
  await settle(sys, pairs, o.settle * 1000);
  return count(sys, sc, pairs, outcomes, sent, dlqBefore, faultAt, fault);
}

/** Waits until none of the scenario's submissions is still accepted or validated, and webhooks are quiet. */
async function settle(sys: ChaosSystem, pairs: Pair[], timeoutMs: number): Promise<void> {
  const senders = pairs.map((p) => p.sender);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [{ n }] = await query<{ n: string }>(
      sys.directDb,
      `SELECT count(*) AS n FROM gateway.submissions
        WHERE sender_office_number = ANY($1) AND status IN ('accepted', 'validated')`,
      [senders],
    );
    if (Number(n) === 0) break;
    await sleep(500);
  }
  // Pushes trail the deliveries by a queue hop: give them a moment to arrive.
  let last = -1;
  while (Date.now() < deadline && last !== sys.webhooks.received.size) {
    last = sys.webhooks.received.size;
    await sleep(2000);
  }
}

async function count(
  sys: ChaosSystem,
  sc: Scenario,
  pairs: Pair[],
  outcomes: Outcome[],
  sent: number,
  dlqBefore: number,
  faultAt: number,
  fault: Fault,
): Promise<Result> {
  const accepted = outcomes.filter((o) => o.id !== null);
  const ids = accepted.map((o) => o.id as string);
  const errors: Record<string, number> = {};
  for (const o of outcomes) if (o.error) errors[o.error] = (errors[o.error] ?? 0) + 1;

  // The receivers' view through the API: each accepted bundle once in its inbox.
  const inboxCount = new Map<string, number>();
  for (const p of pairs) {
    for (const e of await getAll(sys.gateway, sys.key(p.receiver), `/v1/inbox?from=${p.sender}`)) {
      const id = String(e.submissionId);
      inboxCount.set(id, (inboxCount.get(id) ?? 0) + 1);
    }
  }
  const rows = await query<{ id: string; status: string; delivered_at: Date | null }>(
    sys.directDb,
    `SELECT s.id, s.status, i.delivered_at FROM gateway.submissions s
       LEFT JOIN gateway.inbox_entries i ON i.submission_id = s.id
      WHERE s.sender_office_number = ANY($1)`,
    [pairs.map((p) => p.sender)],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const acceptedSet = new Set(ids);
  // Committed submissions the client never got a 202 for, and keys that were answered two ids.
  const orphans = rows.filter((r) => !acceptedSet.has(r.id)).length;
  const twice = accepted.filter((o) => o.ids.size > 1).length;
  const inboxTwice = [...inboxCount.values()].filter((n) => n > 1).length;
  const deliveredOnce = ids.filter((id) => inboxCount.get(id) === 1).length;
  const stuck = ids.filter((id) => ['accepted', 'validated'].includes(byId.get(id)?.status ?? '')).length;
  const rejected = ids.filter((id) => byId.get(id)?.status === 'rejected').length;
  const lost = ids.filter(
    (id) =>
      !inboxCount.has(id) && !['accepted', 'validated', 'rejected'].includes(byId.get(id)?.status ?? ''),
  ).length;

  const delivered = ids.filter((id) => inboxCount.has(id));
  const history = await historyIncomplete(sys, delivered);
  const receiptsWrong = await receiptsNotDelivered(
    sys,
    accepted.filter((o) => inboxCount.has(o.id ?? '')),
  );
  const pushes = [...sys.webhooks.received.entries()].filter(([, v]) => acceptedSet.has(v.submissionId));
  const pushed = new Set(
    pushes.filter(([, v]) => v.type === 'delivery.delivered').map(([, v]) => v.submissionId),
  );
  const firstAfter = rows
    .filter((r) => r.delivered_at && byId.has(r.id))
    .map((r) => (r.delivered_at as Date).getTime())
    .filter((t) => t >= faultAt)
    .sort((a, b) => a - b)[0];

  return {
    scenario: sc.name,
    what: sc.what,
    sent,
    accepted: accepted.length,
    deliveredOnce,
    duplicated: twice + inboxTwice,
    unconfirmed: orphans,
    lost,
    stuck,
    rejected,
    gaveUp: outcomes.length - accepted.length,
    historyIncomplete: history,
    receiptsWrong,
    webhookDuplicates: pushes.filter(([, v]) => v.count > 1).length,
    webhookMissing: delivered.filter((id) => !pushed.has(id)).length,
    dlqMessages: (await sys.dlqMessages()) - dlqBefore,
    recoverySeconds:
      firstAfter === undefined ? null : Math.max(0, Math.round((firstAfter - fault.restoredAt) / 100) / 10),
    errors,
  };
}

/** Delivered submissions whose office-wide history misses a step of the sender or the receiver. */
async function historyIncomplete(sys: ChaosSystem, delivered: string[]): Promise<number> {
  if (delivered.length === 0) return 0;
  const rows = await query<{ submission_id: string; steps: string[] }>(
    sys.directDb,
    `SELECT submission_id, array_agg(DISTINCT role || ':' || event) AS steps FROM archive.history
      WHERE submission_id = ANY($1::uuid[]) GROUP BY submission_id`,
    [delivered],
  );
  const need = ['sender:sent', 'sender:validated', 'sender:delivered', 'receiver:received'];
  const steps = new Map(rows.map((r) => [r.submission_id, new Set(r.steps)]));
  return delivered.filter((id) => need.some((s) => !steps.get(id)?.has(s))).length;
}

/** Signed receipts of delivered bundles (up to 50) that do not say delivered. */
async function receiptsNotDelivered(sys: ChaosSystem, delivered: Outcome[]): Promise<number> {
  let wrong = 0;
  for (const o of delivered.slice(0, 50)) {
    const res = await fetch(`${sys.gateway}/v1/submissions/${o.id}/receipt`, {
      headers: { 'x-api-key': sys.key(o.sender) },
    });
    const body = (await res.json().catch(() => ({}))) as {
      receipt?: { status?: string; steps?: { deliveredAt?: string | null } };
    };
    if (!res.ok || body.receipt?.status !== 'delivered' || !body.receipt.steps?.deliveredAt) wrong++;
  }
  return wrong;
}

function failed(r: Result): boolean {
  return (
    r.lost +
      r.duplicated +
      r.stuck +
      r.rejected +
      r.webhookDuplicates +
      r.historyIncomplete +
      r.receiptsWrong >
    0
  );
}

runTool('chaos', async () => {
  const { values } = parseArgs({
    options: {
      scenarios: { type: 'string' },
      seconds: { type: 'string' },
      rate: { type: 'string' },
      outage: { type: 'string' },
      pairs: { type: 'string' },
      settle: { type: 'string' },
    },
  });
  const o: Options = {
    seconds: positive('seconds', values.seconds, 30),
    rate: positive('rate', values.rate, 8),
    outage: positive('outage', values.outage, 30),
    pairs: positive('pairs', values.pairs, 2),
    settle: positive('settle', values.settle, 120),
  };
  const chosen = pick(values.scenarios);
  const sys = new ChaosSystem();
  const results: Result[] = [];
  const onSignal = () => void sys.stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await sys.start();
    for (const sc of chosen) results.push(await runScenario(sys, sc, o));
  } finally {
    await sys.stop();
  }
  process.stdout.write(
    JSON.stringify({ date: new Date().toISOString(), options: o, results }, null, 2) + '\n',
  );
  printTable(results);
  if (results.some(failed)) process.exitCode = 1;
});

function pick(list: string | undefined): Scenario[] {
  if (!list) return SCENARIOS;
  return list.split(',').map((name) => {
    const sc = SCENARIOS.find((s) => s.name === name.trim());
    if (!sc) throw new Error(`unknown scenario "${name}"; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
    return sc;
  });
}

function positive(name: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

async function migrate(env: NodeJS.ProcessEnv): Promise<void> {
  await promisify(execFile)(process.execPath, [join(__dirname, 'migrate.js')], { env });
}

async function adminQuery(sql: string): Promise<void> {
  await query('postgres://postgres@127.0.0.1:5432/postgres', sql, []);
}

async function query<T>(url: string, sql: string, params: unknown[]): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

function note(line: string): void {
  process.stderr.write(`chaos: ${line}\n`);
}

function printTable(results: Result[]): void {
  const cols: [string, (r: Result) => string][] = [
    ['scenario', (r) => r.scenario],
    ['accepted', (r) => String(r.accepted)],
    ['delivered once', (r) => String(r.deliveredOnce)],
    ['duplicated', (r) => String(r.duplicated)],
    ['unconfirmed', (r) => String(r.unconfirmed)],
    ['gave up', (r) => String(r.gaveUp)],
    ['lost', (r) => String(r.lost)],
    ['stuck', (r) => String(r.stuck)],
    ['rejected', (r) => String(r.rejected)],
    ['history gaps', (r) => String(r.historyIncomplete)],
    ['webhook dup', (r) => String(r.webhookDuplicates)],
    ['webhook missing', (r) => String(r.webhookMissing)],
    ['.dlq', (r) => String(r.dlqMessages)],
    ['recovery s', (r) => (r.recoverySeconds === null ? '-' : String(r.recoverySeconds))],
    ['result', (r) => (failed(r) ? 'FAIL' : 'ok')],
  ];
  const table = [cols.map(([h]) => h), ...results.map((r) => cols.map(([, f]) => f(r)))];
  const widths = cols.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [
    line(table[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...table.slice(1).map(line),
  ];
  process.stderr.write(out.join('\n') + '\n');
}
