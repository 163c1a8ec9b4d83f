// A whole system of a tool's own on this machine (recovery probe): a Kafka broker on free ports with its own
// state directory, a database of its own, and the four built services as processes. Traffic stays on 127.0.0.1;
// the machine's PostgreSQL and Redis are used, never stopped.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';

/** The checkout: tools run from dist/tools/lib. */
export const ROOT = join(__dirname, '..', '..', '..');
export const LOGS = join(ROOT, 'tmp', 'logs');
export const APPS = ['gateway', 'validator', 'router', 'archive'] as const;
export type App = (typeof APPS)[number];

const run = promisify(execFile);

/** A port the OS says is free now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A broker of scripts/kafka-local.sh with its own ports and state directory (never the shared one). */
export class LocalBroker {
  readonly brokers: string;

  constructor(
    readonly stateDir: string,
    private readonly port: number,
    private readonly controllerPort: number,
  ) {
    this.brokers = `127.0.0.1:${port}`;
  }

  /** Starts (fresh the first time) and resolves once the broker is ready. */
  async start(fresh = false): Promise<void> {
    await this.script('start', fresh);
  }

  async stop(): Promise<void> {
    await this.script('stop', false);
  }

  /** kill -9 of the broker process; resolves once it is gone. */
  async kill(): Promise<void> {
    const pid = Number(readFileSync(join(this.stateDir, 'kafka.pid'), 'utf8').trim());
    process.kill(pid, 'SIGKILL');
    while (alive(pid)) await sleep(50);
  }

  /** Deletes the state directory, keeping the broker's log as tmp/logs/<name>.log. */
  remove(name: string): void {
    const out = join(this.stateDir, 'kafka.out');
    if (existsSync(out)) copyFileSync(out, join(LOGS, `${name}.log`));
    rmSync(this.stateDir, { recursive: true, force: true });
  }

  private async script(command: string, fresh: boolean): Promise<void> {
    mkdirSync(this.stateDir, { recursive: true });
    await run('bash', [join(ROOT, 'scripts', 'kafka-local.sh'), command], {
      env: {
        ...process.env,
        KAFKA_PORT: String(this.port),
        KAFKA_CONTROLLER_PORT: String(this.controllerPort),
        KAFKA_STATE_DIR: this.stateDir,
        KAFKA_FRESH: fresh ? '1' : '0',
      },
    });
  }
}

/** One built service (dist/apps/<app>) as a process of its own, its output in tmp/logs/<log>-<app>.log. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  readonly url: string;

  constructor(
    readonly app: App,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logPrefix: string,
  ) {
    this.url = `http://127.0.0.1:${env.PORT}`;
  }

  start(): void {
    mkdirSync(LOGS, { recursive: true });
    const log = createWriteStream(join(LOGS, `${this.logPrefix}-${this.app}.log`), { flags: 'a' });
    const main = join(ROOT, 'dist', 'apps', this.app, 'src', 'main.js');
    this.child = spawn(process.execPath, [main], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
  }

  /** kill -9; resolves once the process has exited. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  /** Resolves when /health/ready answers 200; rejects when the process exits or time runs out. */
  async waitReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) throw new Error(`${this.app} exited (code ${this.child?.exitCode})`);
      const ok = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`${this.app} was not ready within ${timeoutMs / 1000} s`);
  }
}

/** Runs one of the built tools (dist/tools/<name>.js) with `env`; resolves with its stdout. */
export async function runBuiltTool(name: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await run(process.execPath, [join(ROOT, 'dist', 'tools', `${name}.js`)], { env });
  return stdout;
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
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

/** Deletes the BullMQ keys of one prefix from the shared Redis. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
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
