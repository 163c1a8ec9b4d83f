import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { BlobStore, migratedDataSource, sha256Hex, storageDatabase } from '@careplan/persistence';

// The gateway stores a bundle's bytes with one putMany inside the accept transaction.
describe('bundle bytes in the blob store (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let store: BlobStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [storageDatabase]);
    store = new BlobStore(ds);
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('stores a bundle in one statement, content-addressed, duplicates once', async () => {
    const a = Buffer.from('第6表 予定', 'utf8');
    const b = Buffer.from('%PDF-1.4', 'latin1');
    const hashes = await store.putMany([a, b, a]);
    expect(hashes).toEqual([sha256Hex(a), sha256Hex(b), sha256Hex(a)]);
    expect((await store.get(hashes[0]))?.equals(a)).toBe(true);
    expect((await store.get(hashes[1]))?.equals(b)).toBe(true);
    const [{ n }] = await ds.query<{ n: string }[]>('SELECT count(*) AS n FROM storage.blobs');
    expect(Number(n)).toBe(2);
  });

  it('keeps what is already stored and answers empty lists', async () => {
    const a = Buffer.from('again', 'utf8');
    expect(await store.put(a)).toBe(sha256Hex(a));
    expect(await store.putMany([a])).toEqual([sha256Hex(a)]);
    expect(await store.putMany([])).toEqual([]);
    expect(await store.get('0'.repeat(64))).toBeNull();
  });
});
