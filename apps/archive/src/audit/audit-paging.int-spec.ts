import { DataSource } from 'typeorm';
import { migratedDataSource } from '@careplan/persistence';
import { AppException, encodeCursor } from '@careplan/platform';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { archiveDatabase } from '../database/archive.database';
import type { OperatorContext } from '../operators/operator-scope';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import type { AuditEntryDto } from './dto/audit.dto';

const central: OperatorContext = { id: 'c', name: 'central', role: 'central', prefecture: null };

describe('audit log paging (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [archiveDatabase]);
    audit = new AuditService(new AuditRepository(ds));
    // PostgreSQL keeps microseconds: five entries within one millisecond, as separate transactions write them.
    for (const us of ['100', '900', '300', '700', '500']) {
      await ds.query(
        `INSERT INTO "archive"."audit_log" ("at", "operator_name", "action", "target")
         VALUES ($1, 'tester', 'office.update', $2)`,
        [`2026-11-01T09:30:00.123${us}Z`, us],
      );
    }
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('pages through entries written within one millisecond without skipping or repeating any', async () => {
    const seen: AuditEntryDto[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await audit.list(central, { cursor, limit: 2 });
      seen.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.map((e) => e.target).sort()).toEqual(['100', '300', '500', '700', '900']);
  });

  it('answers CURSOR_INVALID for a cursor whose id is not one of its ids, not a database error', async () => {
    const forged = encodeCursor({ at: new Date('2026-11-01T09:30:00.123Z'), id: 'not-an-id' });
    const error = await audit.list(central, { cursor: forged, limit: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppException);
    expect((error as AppException).code).toBe('CURSOR_INVALID');
  });
});
