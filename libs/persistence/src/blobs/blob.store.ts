import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { STORAGE_SCHEMA } from './blob.entity';

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
 * PostgreSQL by default; an object store can implement the same methods.
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
    return (await this.getMany([sha256])).get(sha256) ?? null;
  }

  async getOrThrow(sha256: string): Promise<Buffer> {
    return (await this.getAllOrThrow([sha256]))[0];
  }

  /** The bytes of several blobs in one query, by sha256; a missing one is absent from the map. */
  async getMany(sha256s: readonly string[]): Promise<Map<string, Buffer>> {
    if (sha256s.length === 0) return new Map();
    const rows = await this.dataSource.query<{ sha256: string; content: Buffer }[]>(
      `SELECT sha256, content FROM "${STORAGE_SCHEMA}"."blobs" WHERE sha256 = ANY($1::char(64)[])`,
      [[...new Set(sha256s)]],
    );
    return new Map(rows.map((r) => [r.sha256, r.content]));
  }

  /** The bytes of each blob, in the order asked (a bundle's files in one query); a missing one throws. */
  async getAllOrThrow(sha256s: readonly string[]): Promise<Buffer[]> {
    const found = await this.getMany(sha256s);
    return sha256s.map((sha256) => {
      const bytes = found.get(sha256);
      if (!bytes) throw new Error(`blob ${sha256} is missing from storage`);
      return bytes;
    });
  }
}
