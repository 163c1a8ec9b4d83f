import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource } from '@careplan/persistence';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { archiveDatabase } from '../database/archive.database';
import { AdoptionRepository } from './adoption.repository';

const NOW = new Date('2027-01-31T00:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

describe('AdoptionRepository (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let adoption: AdoptionRepository;

  const office = (no: string, prefecture: string, district: string, active = true) =>
    ds.query(
      `INSERT INTO "archive"."offices" ("office_number", "prefecture", "district", "name", "kind", "active")
       VALUES ($1::text, $2, $3, $1::text, '訪問介護', $4)`,
      [no, prefecture, district, active],
    );
  const license = (no: string, state: string) =>
    ds.query(
      `INSERT INTO "archive"."licenses" ("office_number", "status", "state", "billing_method", "first_start", "last_end")
       VALUES ($1, 'active', $2, 'invoice', '2026-06-01', '2027-05-31')`,
      [no, state],
    );
  const history = (no: string, event: string, at: Date) =>
    ds.query(
      `INSERT INTO "archive"."history" ("office_number", "event", "role", "counterpart_office_number",
         "submission_id", "occurred_at", "event_id")
       VALUES ($1, $2, 'sender', '1310000000', $3, $4, $5)`,
      [no, event, randomUUID(), at, randomUUID()],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [archiveDatabase]);
    adoption = new AdoptionRepository(ds);
    await office('4711200011', '47', '12');
    await license('4711200011', 'active');
    await history('4711200011', 'sent', daysAgo(10));
    await office('4711200021', '47', '12');
    await history('4711200021', 'received', daysAgo(60));
    await history('4711200021', 'validated', daysAgo(1)); // not an exchange of the office's own
    await office('4711300011', '47', '13');
    await license('4711300011', 'ended');
    await history('4711300011', 'sent', daysAgo(120));
    await office('4711300021', '47', '13', false); // deactivated: not counted at all
    await license('4711300021', 'active');
    await office('1311000011', '13', '10');
    await license('1311000011', 'active');
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('counts active offices per district: registered, licensed, and exchanging within 30 and 90 days', async () => {
    expect(await adoption.byDistrict('47', NOW)).toEqual([
      { prefecture: '47', district: '12', registered: 2, licensed: 1, active30: 1, active90: 2 },
      { prefecture: '47', district: '13', registered: 1, licensed: 0, active30: 0, active90: 0 },
    ]);
  });

  it('answers every prefecture, in order, without one', async () => {
    const rows = await adoption.byDistrict(null, NOW);
    expect(rows.map((r) => `${r.prefecture}-${r.district}`)).toEqual(['13-10', '47-12', '47-13']);
    expect(rows[0]).toMatchObject({ registered: 1, licensed: 1, active30: 0, active90: 0 });
  });
});
