import { DataSource } from 'typeorm';
import { migratedDataSource } from '@careplan/persistence';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { archiveDatabase } from '../database/archive.database';
import { DirectoryRepository } from './directory.repository';

describe('DirectoryRepository (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let directory: DirectoryRepository;

  const office = (no: string, name: string, o: { active?: boolean; listed?: boolean; state?: string } = {}) =>
    ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO "archive"."offices" ("office_number", "prefecture", "district", "name", "kind", "active", "listed")
         VALUES ($1::text, substr($1::text, 1, 2), substr($1::text, 4, 2), $2, '訪問介護', $3, $4)`,
        [no, name, o.active ?? true, o.listed ?? true],
      );
      if (o.state === undefined) return;
      await m.query(
        `INSERT INTO "archive"."licenses" ("office_number", "status", "state", "billing_method", "first_start", "last_end")
         VALUES ($1, 'active', $2, 'invoice', '2026-06-01', '2027-05-31')`,
        [no, o.state],
      );
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [archiveDatabase]);
    directory = new DirectoryRepository(ds);
    await office('4711200011', '100%ケア', { state: 'active' });
    await office('4711200021', 'ケアセンター', { state: 'active' });
    await office('4711300011', '非公開ケア', { state: 'active', listed: false });
    await office('4711300021', '終了ケア', { state: 'ended' });
    await office('4711300031', '廃止ケア', { state: 'active', active: false });
    await office('4711300041', '未契約ケア');
    await office('1311000011', '東京ケア', { state: 'active' });
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('finds a connected office by its number, listed or not, with the day its license started', async () => {
    expect(await directory.findConnected('4711300011')).toMatchObject({
      office: { officeNumber: '4711300011', name: '非公開ケア' },
      connectedSince: '2026-06-01',
    });
    for (const no of ['4711300021', '4711300031', '4711300041', '9999999999'])
      expect(await directory.findConnected(no)).toBeNull();
  });

  it('pages the listed connected offices by number, filtered, a name matched literally', async () => {
    const numbers: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await directory.pageListed({ prefecture: '47' }, cursor, 1);
      numbers.push(...page.items.map((c) => c.office.officeNumber));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(numbers).toEqual(['4711200011', '4711200021']);
    const byName = await directory.pageListed({ name: '%' }, undefined, 10);
    expect(byName.items.map((c) => c.office.name)).toEqual(['100%ケア']);
    const byDistrict = await directory.pageListed({ district: '10' }, undefined, 10);
    expect(byDistrict.items.map((c) => c.office.officeNumber)).toEqual(['1311000011']);
  });

  it('records the listing choice, and says when the office is unknown', async () => {
    expect(await directory.setListed('4711200021', false)).toBe(true);
    expect((await directory.pageListed({ prefecture: '47' }, undefined, 10)).items).toHaveLength(1);
    expect(await directory.setListed('9999999999', false)).toBe(false);
  });
});
