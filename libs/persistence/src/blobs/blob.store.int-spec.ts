import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { migratedDataSource } from '../database/database';
import { BlobStore, sha256Hex } from './blob.store';
import { storageDatabase } from './storage.database';

describe('BlobStore on the real PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let blobs: BlobStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [storageDatabase]);
    blobs = new BlobStore(ds);
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('reads several blobs in one query, in the order asked, the same one twice too', async () => {
    const files = ['一', 'two', 'three'].map((t) => Buffer.from(t));
    const hashes = await blobs.putMany(files);
    const asked = [hashes[2], hashes[0], hashes[2]];
    expect((await blobs.getAllOrThrow(asked)).map((b) => b.toString())).toEqual(['three', '一', 'three']);
    expect((await blobs.get(hashes[1]))?.toString()).toBe('two');
  });

  it('says which blob is missing, and get answers null for it', async () => {
    const [kept] = await blobs.putMany([Buffer.from('kept')]);
    const missing = sha256Hex(Buffer.from('never stored'));
    await expect(blobs.getAllOrThrow([kept, missing])).rejects.toThrow(
      `blob ${missing} is missing from storage`,
    );
    expect(await blobs.get(missing)).toBeNull();
    expect([...(await blobs.getMany([kept, missing])).keys()]).toEqual([kept]);
  });
});
