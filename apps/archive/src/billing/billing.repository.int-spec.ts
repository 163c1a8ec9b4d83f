import { DataSource } from 'typeorm';
import { migratedDataSource } from '@careplan/persistence';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { archiveDatabase } from '../database/archive.database';
import { BillingRepository } from './billing.repository';
import type { StatementContent } from './statement';

describe('BillingRepository (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let billing: BillingRepository;

  const officeWithTerms = async (no: string, name: string, starts: string[]) => {
    await ds.query(
      `INSERT INTO "archive"."offices" ("office_number", "prefecture", "district", "name", "kind")
       VALUES ($1::text, substr($1::text, 1, 2), substr($1::text, 4, 2), $2, '訪問介護')`,
      [no, name],
    );
    for (const [i, start] of starts.entries())
      await ds.query(
        `INSERT INTO "archive"."license_terms" ("office_number", "term_no", "application_date", "start_date",
           "end_date", "fee_yen", "billing_method")
         VALUES ($1, $2, $3::date, $3::date, ($3::date + interval '1 year' - interval '1 day')::date, 10000, 'invoice')`,
        [no, i + 1, start],
      );
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [archiveDatabase]);
    billing = new BillingRepository();
    await officeWithTerms('4711200011', '沖縄ケア', ['2026-06-01', '2027-06-01']);
    await officeWithTerms('4711200021', '那覇ケア', ['2026-06-30', '2026-07-01']);
    await officeWithTerms('1311000011', '東京ケア', ['2026-06-15']);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it("reads the prefecture's terms starting in the period, dates as calendar days, with the office's name", async () => {
    const terms = await billing.termsStarting(ds.manager, '47', '2026-06-01', '2026-07-01');
    expect(terms.sort((a, b) => a.officeNumber.localeCompare(b.officeNumber))).toEqual([
      {
        officeNumber: '4711200011',
        officeName: '沖縄ケア',
        termNo: 1,
        startDate: '2026-06-01',
        endDate: '2027-05-31',
        feeYen: 10000,
        billingMethod: 'invoice',
        campaignCode: null,
        freeUntil: null,
      },
      expect.objectContaining({ officeNumber: '4711200021', termNo: 1, startDate: '2026-06-30' }),
    ]);
  });

  it('answers the latest revision of a statement', async () => {
    expect(await billing.latestStatement(ds.manager, '47', '2026-06')).toBeNull();
    const body = {} as StatementContent;
    for (const revision of [1, 2])
      await billing.insertStatement(ds.manager, {
        prefecture: '47',
        month: '2026-06',
        revision,
        contentHash: String(revision).repeat(64),
        body,
      });
    expect(await billing.latestStatement(ds.manager, '47', '2026-06')).toMatchObject({ revision: 2 });
    expect(await billing.latestStatement(ds.manager, '47', '2026-07')).toBeNull();
  });
});
