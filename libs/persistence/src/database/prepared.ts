import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/** A statement of fixed text, prepared once per connection under `name` (which must name only this text). */
export interface PreparedStatement {
  name: string;
  text: string;
}

/**
 * Runs a hot statement on the pg pool under a TypeORM data source, as a named prepared statement: no query
 * builder, no query runner, and PostgreSQL parses and plans the text once per connection, not per call. A
 * statement on its own is its own transaction; for one spanning several, use the data source's transaction.
 */
export async function runPrepared<R extends QueryResultRow>(
  dataSource: DataSource,
  statement: PreparedStatement,
  values: unknown[],
): Promise<R[]> {
  const result = await poolOf(dataSource).query<R>({ name: statement.name, text: statement.text, values });
  return result.rows;
}

/** The postgres driver's pool (TypeORM keeps it as `master` when there are no replicas). */
function poolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('runPrepared needs an initialised postgres data source');
  return pool;
}
