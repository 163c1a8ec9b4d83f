// Benchmark of the operations console's reads (a script, not a test): `npm run bench:console`.
//   node dist/tools/bench-console.js [--offices 10000 --days 30 --per-day 1 --calls 20 --page-loads 10 --keep]
// Seeds a throwaway database (created next to DATABASE_URL's, migrated by the archive's own migrate) with
// offices spread over the 47 prefectures, their licenses and days of history, starts the built archive on free
// ports against it (Kafka from KAFKA_BROKERS, topics under a prefix of this run; the other services are not
// started, so the overview shows them as down), and measures with bearer operator tokens:
//   (a) GET /ops/v1/overview, /ops/v1/offices (by prefecture, and searches), /ops/v1/audit?action= and
//       /ops/v1/adoption: median and p95 of --calls each;
//   (b) when dist/console exists and the archive signs staff in (POST /ops/v1/setup/:token), /console/ in
//       Debian's chromium (playwright-core): time to load and to the overview's answer, over --page-loads.
// Prints the figures as JSON on stdout and a small table on stderr, then stops the archive and drops the
// database and topics (--keep leaves the database for a look). Nothing is asserted: figures, not a test.
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ensureDatabase, migrateService, storageDatabase } from '@careplan/persistence';
import { seedConsole, type SeedFigures } from './lib/bench-console-seed';
import { latency, megabytes, round, type Latency } from './lib/bench-stats';
import { freePort, ServiceProcess } from './lib/chaos-system';
import { runTool, toolsEnv } from './lib/tools.env';

// This file runs as dist/tools/bench-console.js.
const DIST = join(__dirname, '..');
const CONSOLE_DIR = join(DIST, 'console');
const CHROMIUM = '/usr/bin/chromium';
const run = promisify(execFile);

interface BrowserFigures {
  /** The first load, with an empty cache. */
  firstLoadMs: number;
  /** page.goto until `load`, warm cache. */
  load: Latency;
  /** Navigation start until the SPA's GET /ops/v1/overview answered. */
  overview: Latency;
  /** Navigation start until the overview's figures are on the screen (what the operator waits for). */
  shown: Latency;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

const note = (line: string) => process.stderr.write(`bench-console: ${line}\n`);

runTool('bench-console', async () => {
  const { values } = parseArgs({
    options: {
      offices: { type: 'string' },
      days: { type: 'string' },
      'per-day': { type: 'string' },
      calls: { type: 'string' },
      'page-loads': { type: 'string' },
      keep: { type: 'boolean' },
    },
  });
  const seed = {
    offices: positive('offices', values.offices, 10_000),
    days: positive('days', values.days, 30),
    perDay: positive('per-day', values['per-day'], 1),
  };
  const calls = positive('calls', values.calls, 20);
  const pageLoads = positive('page-loads', values['page-loads'], 10);
  const env = toolsEnv();
  const runId = `bench_console_${Date.now().toString(36)}`;
  const databaseUrl = new URL(env.DATABASE_URL);
  databaseUrl.pathname = `/${runId}`;

  let archive: ServiceProcess | null = null;
  const cleanup = async () => {
    await archive?.kill('SIGTERM');
    archive = null;
    await deleteTopics(env.KAFKA_BROKERS, `${runId}.`);
    if (!values.keep) await dropDatabase(databaseUrl);
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    note(`database ${runId}: migrating`);
    await ensureDatabase(databaseUrl.toString());
    await migrateService(databaseUrl.toString(), storageDatabase);
    await run(process.execPath, [join(DIST, 'apps', 'archive', 'src', 'migrate.js')], {
      env: { ...process.env, DATABASE_URL: databaseUrl.toString() },
    });
    const seeded = await seedConsole(databaseUrl.toString(), seed, (l) => note(`seeded ${l}`));

    const [port, internalPort, ...nowhere] = await Promise.all(Array.from({ length: 6 }, () => freePort()));
    const free = (i: number) => `http://127.0.0.1:${nowhere[i]}`;
    archive = new ServiceProcess(
      'archive',
      `${runId}-archive`,
      port,
      internalPort,
      {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl.toString(),
        KAFKA_BROKERS: env.KAFKA_BROKERS,
        KAFKA_TOPIC_PREFIX: `${runId}.`,
        KAFKA_GROUP_PREFIX: runId,
        RATE_LIMIT_STORE: 'memory',
        // The other services are not running: nothing listens at these addresses.
        ROUTER_URL: free(0),
        GATEWAY_URL: free(1),
        GATEWAY_PUBLIC_URL: free(1),
        VALIDATOR_PUBLIC_URL: free(2),
        ROUTER_PUBLIC_URL: free(3),
        CONSOLE_URL: `http://127.0.0.1:${port}/console/`,
      },
      'bench-console',
    );
    note(`starting the archive on :${port} (log: tmp/logs/bench-console-${runId}-archive.log)`);
    archive.start();
    await archive.ready(120_000);

    const base = archive.url;
    const central = await createAdmin(databaseUrl, 'bench-console');
    const tokyo = await createOperator(base, central, {
      name: 'bench-console-tokyo',
      role: 'prefecture',
      prefecture: '13',
    });
    const measured: [string, string, string][] = [
      ['GET /ops/v1/overview (central)', '/ops/v1/overview', central],
      ['GET /ops/v1/overview (prefecture 13)', '/ops/v1/overview', tokyo.token],
      ['GET /ops/v1/offices?prefecture=13', '/ops/v1/offices?prefecture=13', central],
      // A name that matches no office: the search reads every row of the registry.
      [
        'GET /ops/v1/offices?name=… (no match)',
        `/ops/v1/offices?name=${encodeURIComponent('該当なし')}`,
        central,
      ],
      ['GET /ops/v1/offices?number=13&district=05', '/ops/v1/offices?number=13&district=05', central],
      ['GET /ops/v1/audit?action=office.', '/ops/v1/audit?action=office.', central],
      ['GET /ops/v1/adoption (central)', '/ops/v1/adoption', central],
      ['GET /ops/v1/adoption?prefecture=13', '/ops/v1/adoption?prefecture=13', central],
    ];
    const http: Record<string, Latency> = {};
    for (const [name, path, token] of measured) http[name] = await timeCalls(base, path, token, calls);
    const rss = await residentBytes(base);

    const browser = await measureBrowser(base, central, pageLoads);

    const result = { seed: seeded, calls, http, archiveResidentBytes: rss, browser };
    process.stdout.write(JSON.stringify(result) + '\n');
    printTable(seeded, http, rss, browser);
  } finally {
    await cleanup();
  }
});

/** `calls` sequential GETs after two to warm up; the time until the whole body is read. */
async function timeCalls(base: string, path: string, token: string, calls: number): Promise<Latency> {
  const once = async (): Promise<number> => {
    const started = performance.now();
    const res = await fetch(new URL(path, base), { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${body}`);
    return performance.now() - started;
  };
  await once();
  await once();
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) samples.push(await once());
  return latency(samples);
}

/** The first central administrator, by the archive's command line (`npm run ops -- create-admin`). */
async function createAdmin(databaseUrl: URL, name: string): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [join(DIST, 'apps', 'archive', 'src', 'cli.js'), 'create-admin', name],
    { env: { ...process.env, DATABASE_URL: databaseUrl.toString() } },
  );
  return (JSON.parse(stdout) as { token: string }).token;
}

interface CreatedOperator {
  token: string;
  /** With staff sign-in: the one-time set-up link of the console. */
  setupUrl?: string;
}

async function createOperator(base: string, central: string, body: object): Promise<CreatedOperator> {
  const res = await fetch(new URL('/ops/v1/operators', base), {
    method: 'POST',
    headers: { authorization: `Bearer ${central}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST /ops/v1/operators → ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedOperator;
}

async function residentBytes(base: string): Promise<number | null> {
  const text = await (await fetch(new URL('/metrics', base))).text();
  const m = /^process_resident_memory_bytes(?:\{[^}]*\})?\s+(\S+)/m.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * (b): /console/ in chromium, signed in with a cookie session made through the set-up link of a new operator.
 * Skipped, with a note, when the SPA is not built or the archive has no staff sign-in (this branch may have
 * neither yet).
 */
async function measureBrowser(
  base: string,
  central: string,
  pageLoads: number,
): Promise<BrowserFigures | { skipped: string }> {
  const skip = (skipped: string) => {
    note(`browser figures skipped: ${skipped}`);
    return { skipped };
  };
  if (!existsSync(join(CONSOLE_DIR, 'index.html')))
    return skip('dist/console/index.html is missing (build the console: node scripts/build.js)');
  if (!existsSync(CHROMIUM)) return skip(`${CHROMIUM} is not installed`);
  const operator = await createOperator(base, central, { name: 'bench-console-browser', role: 'central' });
  const setupToken = operator.setupUrl?.split('/').pop();
  if (!setupToken) return skip('the archive gives no console set-up link (POST /ops/v1/operators: setupUrl)');

  const { chromium } = await import('playwright-core');
  const { URI } = await import('otpauth');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext({ baseURL: base });
    // The set-up link's enrolment: the TOTP secret, then a password and a code; the session cookie lands in
    // the browser context, as when a person follows the link.
    const setup = await context.request.get(`/ops/v1/setup/${setupToken}`);
    if (!setup.ok()) throw new Error(`GET /ops/v1/setup → ${setup.status()} ${await setup.text()}`);
    const { otpauthUri } = (await setup.json()) as { otpauthUri: string };
    const totp = URI.parse(otpauthUri);
    if (!('period' in totp)) throw new Error('the set-up link gives no TOTP secret');
    const session = await context.request.post(`/ops/v1/setup/${setupToken}`, {
      data: { password: 'bench-console-password', code: totp.generate() },
    });
    if (!session.ok()) throw new Error(`POST /ops/v1/setup → ${session.status()} ${await session.text()}`);

    const loadOnce = async () => {
      const page = await context.newPage();
      try {
        const started = performance.now();
        let overviewMs = 0;
        const answered = page
          .waitForResponse((r) => new URL(r.url()).pathname === '/ops/v1/overview' && r.ok(), {
            timeout: 30_000,
          })
          .then(() => (overviewMs = performance.now() - started));
        await page.goto('/console/', { waitUntil: 'load' });
        const loadMs = performance.now() - started;
        await answered;
        await page.locator('[data-testid="overview-submissions"]').waitFor();
        return { loadMs, overviewMs, shownMs: performance.now() - started };
      } finally {
        await page.close();
      }
    };
    const first = await loadOnce();
    const loads: number[] = [];
    const overviews: number[] = [];
    const shown: number[] = [];
    for (let i = 0; i < pageLoads; i++) {
      const r = await loadOnce();
      loads.push(r.loadMs);
      overviews.push(r.overviewMs);
      shown.push(r.shownMs);
    }
    return {
      firstLoadMs: round(first.loadMs, 1),
      load: latency(loads),
      overview: latency(overviews),
      shown: latency(shown),
    };
  } finally {
    await browser.close();
  }
}

async function deleteTopics(brokers: string, prefix: string): Promise<void> {
  const admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } catch (e) {
    note(`topics ${prefix}* not deleted: ${String(e)}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function dropDatabase(url: URL): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const db = new Client({ connectionString: admin.toString() });
  await db.connect();
  try {
    await db.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await db.end();
  }
}

function printTable(
  seed: SeedFigures,
  http: Record<string, Latency>,
  rss: number | null,
  browser: BrowserFigures | { skipped: string },
): void {
  const ms = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} ms`);
  const rows: [string, string, string][] = Object.entries(http).map(([name, l]) => [
    name,
    ms(l.p50),
    ms(l.p95),
  ]);
  if ('skipped' in browser) rows.push(['/console/ in chromium', 'skipped', '']);
  else {
    rows.push(['/console/ first load (empty cache)', ms(browser.firstLoadMs), '']);
    rows.push(['/console/ load', ms(browser.load.p50), ms(browser.load.p95)]);
    rows.push(['/console/ until the overview answered', ms(browser.overview.p50), ms(browser.overview.p95)]);
    rows.push(['/console/ until the overview is shown', ms(browser.shown.p50), ms(browser.shown.p95)]);
  }
  const w = Math.max(...rows.map((r) => r[0].length));
  const line = (a: string, b: string, c: string) => `  ${a.padEnd(w)}  ${b.padStart(10)}  ${c.padStart(10)}`;
  const out = [
    '',
    `seed: ${seed.offices} offices (${seed.licensed} licensed), ${seed.submissions} submissions, ` +
      `${seed.historyRows} history rows, in ${round(seed.ms / 1000, 1)} s`,
    line('', 'median', 'p95'),
    ...rows.map((r) => line(...r)),
    `archive resident memory after: ${rss === null ? '—' : `${megabytes(rss)} MB`}`,
    '',
  ];
  process.stderr.write(out.join('\n') + '\n');
}
