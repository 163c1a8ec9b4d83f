import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

/** A statement of fixed text, prepared once per connection under `name` (which must name only this text). */
export interface PreparedStatement {
  name: string;
  text: string;
}

/**
 * Runs a hot statement as a named prepared statement straight on the pg driver: no query builder, no query
 * runner, and PostgreSQL parses and plans the text once per connection, not per call. On a data source (or its
 * manager) it is a statement on its own, so its own transaction; on a transaction's manager, part of it.
 */
export async function runPrepared<R extends QueryResultRow>(
  on: DataSource | EntityManager,
  statement: PreparedStatement,
  values: unknown[],
): Promise<R[]> {
  const query = { name: statement.name, text: statement.text, values };
  const runner = on instanceof EntityManager ? on.queryRunner : undefined;
  if (runner) {
    // The transaction's own connection (TypeORM's postgres query runner answers its pg client).
    const client = (await runner.connect()) as PoolClient;
    return (await client.query<R>(query)).rows;
  }
  const dataSource = on instanceof EntityManager ? on.connection : on;
  return (await poolOf(dataSource).query<R>(query)).rows;
}

/** The postgres driver's pool (TypeORM keeps it as `master` when there are no replicas). */
function poolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('runPrepared needs an initialised postgres data source');
  return pool;
}
