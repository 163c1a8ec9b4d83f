import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { E2eState, stateFile } from './support/state';
import { APPS, freePort, runTool, serviceEnv, startService, waitUntilReady } from './support/system';

/**
 * Starts the four services as built, against the real PostgreSQL, Redis and Kafka, isolated from any
 * other run: a database, topic prefix and consumer groups of this run's own.
 */
export default async function globalSetup(): Promise<void> {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  if (!kafkaBrokers) {
    throw new Error(
      'KAFKA_BROKERS is not set: run the tests with `npm test`, which starts Kafka (scripts/kafka-local.sh).',
    );
  }
  const run = `e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const base = new URL(process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/${run}`;
  const partial = {
    databaseUrl: base.toString(),
    topicPrefix: `${run}.`,
    groupPrefix: run,
    kafkaBrokers,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
  const env = serviceEnv(partial);
  runTool('migrate', [], env);

  // A public and an internal port per service, all picked at once so that they differ.
  const ports = await Promise.all([...APPS, ...APPS].map(() => freePort()));
  const urls = Object.fromEntries(
    APPS.map((app, i) => [app, `http://127.0.0.1:${ports[i]}`]),
  ) as E2eState['urls'];
  const internalUrls = Object.fromEntries(
    APPS.map((app, i) => [app, `http://127.0.0.1:${ports[APPS.length + i]}`]),
  ) as E2eState['internalUrls'];
  const children = APPS.map((app, i) =>
    // Webhook retries in milliseconds instead of the production day: 4 attempts, 200/400/800 ms apart.
    startService(app, {
      ...env,
      PORT: String(ports[i]),
      INTERNAL_PORT: String(ports[APPS.length + i]),
      // The services call each other's internal listeners.
      ARCHIVE_URL: internalUrls.archive,
      ROUTER_URL: internalUrls.router,
      GATEWAY_URL: internalUrls.gateway,
      // Set-up links in the console point at this run's archive.
      CONSOLE_URL: `${urls.archive}/console/`,
      // The archive's overview reads the others' /health/ready and /metrics, served on public listeners only.
      GATEWAY_PUBLIC_URL: urls.gateway,
      VALIDATOR_PUBLIC_URL: urls.validator,
      ROUTER_PUBLIC_URL: urls.router,
      WEBHOOK_BACKOFF_MS: '200',
      WEBHOOK_ATTEMPTS: '4',
      // The tests' webhook receivers listen on loopback; private networks stay refused (SSRF guard).
      WEBHOOK_ALLOW_LOOPBACK: 'true',
    }),
  );
  const state: E2eState = { ...partial, urls, internalUrls, pids: children.map((c) => c.pid ?? 0) };
  mkdirSync(dirname(stateFile()), { recursive: true });
  writeFileSync(stateFile(), JSON.stringify(state, null, 2));
  await Promise.all(APPS.map((app, i) => waitUntilReady(urls[app], children[i])));
}
