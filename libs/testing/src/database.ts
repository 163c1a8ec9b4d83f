import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, ensureDatabase, migrateService, ServiceDatabase } from '@careplan/persistence';
import { testServerUrl } from './test-config';

/** A database of its own for one test file, on the real PostgreSQL; dropped by `drop()`. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `it_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  return {
    url: url.toString(),
    drop: async () => {
      const admin = new URL(url);
      admin.pathname = '/postgres';
      const client = new Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
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
