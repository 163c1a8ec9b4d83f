// Creates the database if missing and runs every service's pending migrations, each in its own schema: the blob
// store's (a library's) here, each app's through its own entry point (dist/apps/<app>/src/migrate.js); then creates
// the Kafka topics (and .dlq twins) and grows any with fewer than KAFKA_PARTITIONS (never shrinks).
// Prints {"database": "...", "migrations": {"<schema>": ["<name>", …]}, "topics": {"created": […], "grown": […]}}.
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { kafkaFromEnv } from '@careplan/messaging';
import { ensureDatabase, migrateService, storageDatabase } from '@careplan/persistence';
import { runTool, toolsEnv } from './lib/tools.env';

/** In the order the schemas were always migrated. */
const APPS = ['gateway', 'validator', 'router', 'archive'] as const;

runTool('migrate', async () => {
  const env = toolsEnv();
  await ensureDatabase(env.DATABASE_URL);
  const migrations: Record<string, string[]> = {
    [storageDatabase.schema]: await migrateService(env.DATABASE_URL, storageDatabase),
  };
  for (const app of APPS) {
    const { schema, migrations: ran } = await migrateApp(app);
    migrations[schema] = ran;
  }
  const topics = await kafkaFromEnv(env, 'careplan-migrate').migrateTopics();
  const database = new URL(env.DATABASE_URL).pathname.slice(1);
  process.stdout.write(JSON.stringify({ database, migrations, topics }) + '\n');
});

async function migrateApp(app: string): Promise<{ schema: string; migrations: string[] }> {
  const entry = join(__dirname, '..', 'apps', app, 'src', 'migrate.js');
  const { stdout } = await promisify(execFile)(process.execPath, [entry], { env: process.env }).catch(
    (e: Error & { stderr?: string }) => {
      throw new Error(e.stderr?.trim() || e.message);
    },
  );
  return JSON.parse(stdout) as { schema: string; migrations: string[] };
}
