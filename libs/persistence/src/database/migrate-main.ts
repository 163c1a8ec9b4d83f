import { CommonEnv, loadEnv, runCommand } from '@careplan/platform';
import { ensureDatabase, migrateService, ServiceDatabase } from './database';

/** A migration listens on nothing: the ports are set only because CommonEnv requires them of a service. */
class MigrationEnv extends CommonEnv {
  override PORT = 3000;
  override INTERNAL_PORT = 3100;
}

/**
 * An app's migrate entry point (apps/<app>/src/migrate.ts): creates the database if missing, runs the app's pending
 * migrations in its own schema and prints {"schema": "...", "migrations": ["<name>", …]}. It reads only what every
 * service reads (CommonEnv): the migrate step runs with the tools' configuration, not each app's secrets.
 */
export function migrateMain(db: ServiceDatabase): void {
  runCommand(`migrate ${db.schema}`, async () => {
    const { DATABASE_URL } = loadEnv(MigrationEnv);
    await ensureDatabase(DATABASE_URL);
    const migrations = await migrateService(DATABASE_URL, db);
    process.stdout.write(JSON.stringify({ schema: db.schema, migrations }) + '\n');
  });
}
