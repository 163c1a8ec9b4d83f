import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BlobEntity, STORAGE_SCHEMA } from './blob.entity';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** An INSERT of blobs for a caller's own statement: its text, its parameters, and how many rows it writes. */
export interface BlobInsert {
  text: string;
  params: unknown[];
  /** Distinct blobs (the same bytes twice are one row): the text differs with it. */
  rows: number;
}

/**
 * Stores files as part of a caller's statement (e.g. a data-modifying CTE, to commit them with the rows that
 * name them in one statement): parameters from `$first` on, and `condition` (SQL) to store them only if it holds.
 * Bytes already stored are left as they are.
 */
export function blobInsertOf(
  files: { bytes: Buffer; sha256: string }[],
  first: number,
  condition = 'true',
): BlobInsert {
  const unique = new Map(files.map((f) => [f.sha256, f.bytes]));
  const params: unknown[] = [];
  const rows = [...unique].map(([sha256, bytes]) => {
    const n = first + params.length;
    params.push(sha256, bytes.length, bytes);
    return `($${n}::char(64), $${n + 1}::integer, $${n + 2}::bytea)`;
  });
  const text =
    `INSERT INTO "${STORAGE_SCHEMA}"."blobs" (sha256, size, content) ` +
    `SELECT b.sha256, b.size, b.content FROM (VALUES ${rows.join(', ')}) AS b (sha256, size, content) ` +
    `WHERE ${condition} ON CONFLICT (sha256) DO NOTHING`;
  return { text, params, rows: rows.length };
}

/**
 * The storage port: services keep file bytes here and pass sha256 references in events (claim check).
 * PostgreSQL by default; an object store can implement the same three methods.
 */
export class BlobStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores bytes (inside the caller's transaction when given) and returns their sha256. */
  async put(bytes: Buffer, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const [sha256] = await this.putMany([bytes], manager);
    return sha256;
  }

  /** Stores several files in one statement (a bundle's files), returning their sha256 in order. */
  async putMany(files: Buffer[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const hashed = files.map((bytes) => ({ bytes, sha256: sha256Hex(bytes) }));
    const insert = blobInsertOf(hashed, 1);
    if (insert.rows > 0) await manager.query(insert.text, insert.params);
    return hashed.map((f) => f.sha256);
  }

  async get(sha256: string): Promise<Buffer | null> {
    const row = await this.dataSource.manager.findOne(BlobEntity, { where: { sha256 } });
    return row ? row.content : null;
  }

  async getOrThrow(sha256: string): Promise<Buffer> {
    const bytes = await this.get(sha256);
    if (!bytes) throw new Error(`blob ${sha256} is missing from storage`);
    return bytes;
  }
}
