import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..');
const run = promisify(execFile);

import { freePort } from '@careplan/testing';

export { freePort };

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A Kafka broker of the chaos run only: its own ports and state directory (scripts/kafka-local.sh). */
export class ChaosBroker {
  port = 0;
  private controllerPort = 0;

  constructor(private readonly stateDir: string) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(fresh = false): Promise<void> {
    if (!this.port) {
      this.port = await freePort();
      this.controllerPort = await freePort();
    }
    await run('bash', [join(ROOT, 'scripts', 'kafka-local.sh'), 'start'], {
      env: {
        ...process.env,
        KAFKA_STATE_DIR: this.stateDir,
        KAFKA_PORT: String(this.port),
        KAFKA_CONTROLLER_PORT: String(this.controllerPort),
        KAFKA_FRESH: fresh ? '1' : '',
      },
    });
  }

  /** kill -9 of the broker's JVM: no clean shutdown, no flush. */
  kill(): void {
    const pid = Number(readFileSync(join(this.stateDir, 'kafka.pid'), 'utf8').trim());
    process.kill(pid, 'SIGKILL');
  }

  async stop(): Promise<void> {
    await run('bash', [join(ROOT, 'scripts', 'kafka-local.sh'), 'stop'], {
      env: { ...process.env, KAFKA_STATE_DIR: this.stateDir },
    }).catch(() => undefined);
  }
}

/** One process of a built service (dist/apps/<app>), its output in tmp/logs/<logPrefix>-<name>.log. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly app: string,
    readonly name: string,
    readonly port: number,
    /** Its listener of /internal routes (INTERNAL_PORT), which the other services call. */
    readonly internalPort: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logPrefix = 'chaos',
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    const logs = join(ROOT, 'tmp', 'logs');
    mkdirSync(logs, { recursive: true });
    const log = createWriteStream(join(logs, `${this.logPrefix}-${this.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', this.app, 'src', 'main.js')], {
      env: { ...this.env, PORT: String(this.port), INTERNAL_PORT: String(this.internalPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
  }

  /** Resolves once /health/ready answers 200 (degraded included), or throws after `timeoutMs`. */
  async ready(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const ok = await fetch(`${this.url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(200);
    }
    throw new Error(
      `${this.name} was not ready within ${timeoutMs / 1000} s (tmp/logs/${this.logPrefix}-${this.name}.log)`,
    );
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.child?.kill(signal);
    await this.exited;
    this.child = null;
  }
}
