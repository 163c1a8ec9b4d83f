import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource, storageDatabase } from '@careplan/persistence';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { archiveDatabase } from '../database/archive.database';
import { applyKeyIssued, applyKeyRevoked } from './keys.consumer';
import { OfficeKeyEntity } from './office-key.entity';

const OFFICE = withOfficeCheckDigit('131299001');

describe('archive keys consumer (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const keys = () => ds.manager.find(OfficeKeyEntity, { where: { officeNumber: OFFICE } });
  const issued = (keyId: string, occurredAt = new Date().toISOString()) => ({
    keyId,
    officeNumber: OFFICE,
    keyPrefix: 'cpx_abcdefgh',
    label: '事務所PC',
    occurredAt,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [archiveDatabase, storageDatabase]);
    await ds.query(
      `INSERT INTO "archive"."offices" ("office_number", "prefecture", "district", "name", "kind")
       VALUES ($1, '13', '12', 'テスト居宅', '居宅介護支援')`,
      [OFFICE],
    );
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('inserts an office-issued key once; a redelivered or own event changes nothing', async () => {
    const id = randomUUID();
    await applyKeyIssued(ds.manager, issued(id, '2026-06-01T00:00:00.000Z'));
    await applyKeyIssued(ds.manager, { ...issued(id), label: 'changed', keyPrefix: 'cpx_zzzzzzzz' });
    const [key] = (await keys()).filter((k) => k.id === id);
    expect(key).toMatchObject({ label: '事務所PC', keyPrefix: 'cpx_abcdefgh', revokedAt: null });
    expect(key.createdAt.toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });

  it('keeps the first revocation time, and a revocation that arrives before the issue stays revoked', async () => {
    const id = randomUUID();
    await applyKeyRevoked(ds.manager, {
      keyId: id,
      officeNumber: OFFICE,
      occurredAt: '2026-06-02T00:00:00.000Z',
    });
    await applyKeyIssued(ds.manager, issued(id, '2026-06-01T00:00:00.000Z'));
    await applyKeyRevoked(ds.manager, {
      keyId: id,
      officeNumber: OFFICE,
      occurredAt: '2026-06-03T00:00:00.000Z',
    });
    const [key] = (await keys()).filter((k) => k.id === id);
    expect(key).toMatchObject({ label: '事務所PC', keyPrefix: 'cpx_abcdefgh' });
    expect(key.createdAt.toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(key.revokedAt?.toISOString()).toBe('2026-06-02T00:00:00.000Z');
  });

  it('skips a key of an office the registry does not know', async () => {
    const other = withOfficeCheckDigit('131299002');
    await applyKeyIssued(ds.manager, { ...issued(randomUUID()), officeNumber: other });
    await applyKeyRevoked(ds.manager, {
      keyId: randomUUID(),
      officeNumber: other,
      occurredAt: new Date().toISOString(),
    });
    expect(await ds.manager.count(OfficeKeyEntity, { where: { officeNumber: other } })).toBe(0);
  });
});
