import { Client } from 'pg';
import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';

export interface ServiceDatabase {
  /** The PostgreSQL schema the service owns; its tables and its migrations table live there. */
  schema: string;
  // TypeORM's own element types for entity and migration lists.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/** TypeORM options for one service: its own schema, checked-in migrations, never synchronize. */
export function dataSourceOptions(url: string, db: ServiceDatabase): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    schema: db.schema,
    entities: db.entities,
    migrations: db.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 10 },
  };
}

/** Creates the database named in `url` when it does not exist yet (first start on a fresh machine). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unsupported database name in DATABASE_URL: "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created meanwhile by a concurrent starter
      });
    }
  } finally {
    await client.end();
  }
}

/** Runs a service's pending migrations inside its own schema. Returns the names that ran. */
export async function migrateService(url: string, db: ServiceDatabase): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, db));
  await ds.initialize();
  try {
    await ds.query(`CREATE SCHEMA IF NOT EXISTS "${db.schema}"`);
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** Migrates the given schemas and returns a connected data source over them. */
export async function migratedDataSource(url: string, databases: ServiceDatabase[]): Promise<DataSource> {
  for (const db of databases) await migrateService(url, db);
  const [first] = databases;
  const ds = new DataSource({
    ...dataSourceOptions(url, first),
    entities: databases.flatMap((d) => (Array.isArray(d.entities) ? d.entities : Object.values(d.entities))),
  });
  return ds.initialize();
}
