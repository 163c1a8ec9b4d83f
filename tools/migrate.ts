// Creates the database if missing and runs every service's pending migrations, each in its own schema; then
// creates the Kafka topics (and .dlq twins) and grows any with fewer than KAFKA_PARTITIONS (never shrinks).
// Prints {"database": "...", "migrations": {"<schema>": ["<name>", …]}, "topics": {"created": […], "grown": […]}}.
import 'reflect-metadata';
import { kafkaFromEnv } from '@careplan/messaging';
import { ensureDatabase, migrateService } from '@careplan/persistence';
import { ALL_DATABASES } from './lib/databases';
import { runTool, toolsEnv } from './lib/tools.env';

runTool('migrate', async () => {
  const env = toolsEnv();
  await ensureDatabase(env.DATABASE_URL);
  const migrations: Record<string, string[]> = {};
  for (const db of ALL_DATABASES) migrations[db.schema] = await migrateService(env.DATABASE_URL, db);
  const topics = await kafkaFromEnv(env, 'careplan-migrate').migrateTopics();
  const database = new URL(env.DATABASE_URL).pathname.slice(1);
  process.stdout.write(JSON.stringify({ database, migrations, topics }) + '\n');
});
