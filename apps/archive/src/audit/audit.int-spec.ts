import { DataSource } from 'typeorm';
import { migratedDataSource } from '@careplan/persistence';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { archiveDatabase } from '../database/archive.database';
import { AuditEntryEntity } from './audit-entry.entity';
import { recordAudit } from './audit';

describe('audit log (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [archiveDatabase]);
    await ds.transaction((m) =>
      recordAudit(m, { id: null, name: 'tester' }, 'office.create', '4712000012', { name: 'x' }, '47'),
    );
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('keeps what was appended', async () => {
    const rows = await ds.manager.find(AuditEntryEntity);
    expect(rows).toEqual([
      expect.objectContaining({
        operatorName: 'tester',
        action: 'office.create',
        target: '4712000012',
        prefecture: '47',
      }),
    ]);
  });

  it('refuses an UPDATE', async () => {
    await expect(ds.query(`UPDATE "archive"."audit_log" SET "action" = 'forged'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      ds.manager.update(AuditEntryEntity, { operatorName: 'tester' }, { target: 'x' }),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses a DELETE and a TRUNCATE', async () => {
    await expect(ds.query(`DELETE FROM "archive"."audit_log"`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`TRUNCATE "archive"."audit_log"`)).rejects.toThrow(/append-only/);
    expect(await ds.manager.count(AuditEntryEntity)).toBe(1);
  });
});
