import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { E2eState } from './state';

const ROOT = join(__dirname, '..', '..', '..');
export const APPS = ['gateway', 'validator', 'router', 'archive'] as const;

/** A port the OS says is free now, so tests never collide with a running `npm start`. */
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

export function serviceEnv(
  state: Pick<E2eState, 'databaseUrl' | 'topicPrefix' | 'groupPrefix' | 'kafkaBrokers' | 'redisUrl'>,
) {
  return {
    ...process.env,
    DATABASE_URL: state.databaseUrl,
    KAFKA_BROKERS: state.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: state.topicPrefix,
    KAFKA_GROUP_PREFIX: state.groupPrefix,
    REDIS_URL: state.redisUrl,
    // BullMQ keys of this run only: Redis is shared with other runs and `npm start`.
    BULLMQ_PREFIX: `bull.${state.groupPrefix}`,
    // Rate-limit counters of this run only: every run's requests come from 127.0.0.1.
    RATE_LIMIT_PREFIX: `${state.groupPrefix}:rate-limit:`,
    LOG_LEVEL: 'warn',
  };
}

/** What the tools that call the running services need besides: where the gateway and the ops API answer. */
export function toolEnv(state: E2eState): NodeJS.ProcessEnv {
  return { ...serviceEnv(state), GATEWAY_URL: state.urls.gateway, OPS_URL: state.urls.archive };
}

/** Runs one of the built tools (dist/tools/<name>.js) and returns its stdout. */
export function runTool(name: string, args: string[], env: NodeJS.ProcessEnv): string {
  return runBuilt(join('tools', `${name}.js`), args, env);
}

/** Runs the archive's built command line (`npm run ops`: dist/apps/archive/src/cli.js) and returns its stdout. */
export function runArchiveCli(args: string[], env: NodeJS.ProcessEnv): string {
  return runBuilt(join('apps', 'archive', 'src', 'cli.js'), args, env);
}

function runBuilt(file: string, args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, [join(ROOT, 'dist', file), ...args], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts a built service as its own process, its output in tmp/logs/e2e-<logName>.log. */
export function startService(app: string, env: NodeJS.ProcessEnv, logName = app): ChildProcess {
  const logs = join(ROOT, 'tmp', 'logs');
  mkdirSync(logs, { recursive: true });
  const log = createWriteStream(join(logs, `e2e-${logName}.log`));
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', app, 'src', 'main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

export async function waitUntilReady(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: service exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms`);
}
