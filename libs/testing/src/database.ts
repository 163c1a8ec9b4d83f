import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
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
  await onServer(url, `CREATE DATABASE "${name}"`);
  return { url: url.toString(), drop: () => onServer(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Runs one statement on the server's maintenance database (a database cannot create or drop itself). */
async function onServer(url: URL, statement: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
