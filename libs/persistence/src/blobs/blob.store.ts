import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BlobEntity, STORAGE_SCHEMA } from './blob.entity';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
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
    const hashes = files.map(sha256Hex);
    const unique = new Map<string, Buffer>();
    files.forEach((bytes, i) => unique.set(hashes[i], bytes));
    if (unique.size === 0) return hashes;
    const params: unknown[] = [];
    const rows = [...unique].map(([sha256, bytes]) => {
      params.push(sha256, bytes.length, bytes);
      const n = params.length;
      return `($${n - 2}, $${n - 1}, $${n})`;
    });
    await manager.query(
      `INSERT INTO "${STORAGE_SCHEMA}"."blobs" (sha256, size, content) VALUES ${rows.join(', ')} ON CONFLICT (sha256) DO NOTHING`,
      params,
    );
    return hashes;
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
