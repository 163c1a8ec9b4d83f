import { DataSource } from 'typeorm';
import { KafkaService, OutboxRelay } from '@careplan/messaging';
import { migratedDataSource } from '@careplan/persistence';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { archiveDatabase } from '../database/archive.database';
import { RegistryService } from '../registry/registry.service';
import { LicenseTermEntity } from './license-term.entity';
import { LicenseEntity } from './license.entity';
import { applyLicense } from './license.store';
import { LicenseRepository } from './license.repository';
import { LicensesService } from './licenses.service';
import { RegistryOfficeRepository } from '../registry/registry-office.repository';

/** A relay never started: the events stay in the outbox, where the specs read them. */
const idleRelay = (ds: DataSource) => new OutboxRelay(ds, {} as KafkaService, 'archive');

interface OutboxRow {
  topic: string;
  key: string;
  payload: { officeNumber: string; state?: string; validUntil?: string };
}

describe('license sweep (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const RENEWING = withOfficeCheckDigit('441200001');
  const LAPSING = withOfficeCheckDigit('441200002');

  const licenseEvents = async (officeNumber: string) =>
    (await ds.query<OutboxRow[]>(`SELECT topic, key, payload FROM "archive"."outbox" ORDER BY id`)).filter(
      (r) => r.topic === 'careplan.license.changed.v1' && r.key === officeNumber,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [archiveDatabase]);
    const registry = new RegistryService(ds, idleRelay(ds), new RegistryOfficeRepository());
    await ds.transaction(async (m) => {
      for (const [no, autoRenew] of [
        [RENEWING, true],
        [LAPSING, false],
      ] as const) {
        await registry.ensure(m, no, `事業所 ${no}`, '訪問介護');
        const a = {
          startDate: '2026-06-01',
          applicationDate: '2026-06-01',
          billingMethod: 'invoice' as const,
        };
        await applyLicense(m, no, { ...a, autoRenew, campaigns: true }, '2026-11-26');
      }
    });
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('publishes the application as an active license', async () => {
    expect((await licenseEvents(RENEWING)).map((e) => e.payload)).toEqual([
      expect.objectContaining({ state: 'active', validUntil: '2027-05-31' }),
    ]);
  });

  it('renews on the day after the term, paid, and ends the license without auto-renewal', async () => {
    const sweeps = new LicensesService(
      ds,
      new LicenseRepository(),
      idleRelay(ds),
      new RegistryOfficeRepository(),
    );
    expect(await sweeps.sweep('2027-05-31')).toBe(0);
    expect(await sweeps.sweep('2027-06-01')).toBe(2);

    const terms = await ds.manager.find(LicenseTermEntity, {
      where: { officeNumber: RENEWING },
      order: { termNo: 'ASC' },
    });
    expect(terms.map((t) => [t.termNo, t.startDate, t.endDate, t.feeYen, t.billingMethod])).toEqual([
      [1, '2026-06-01', '2027-05-31', 21000, 'invoice'],
      [2, '2027-06-01', '2028-05-31', 21000, 'invoice'],
    ]);
    expect((await licenseEvents(RENEWING)).at(-1)?.payload).toMatchObject({
      state: 'active',
      validUntil: '2028-05-31',
    });

    const lapsed = await ds.manager.findOneByOrFail(LicenseEntity, { officeNumber: LAPSING });
    expect([lapsed.status, lapsed.state]).toEqual(['ended', 'ended']);
    expect((await licenseEvents(LAPSING)).at(-1)?.payload).toMatchObject({ state: 'ended' });
  });

  it('changes nothing when swept again', async () => {
    const before = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "archive"."outbox"`);
    expect(
      await new LicensesService(
        ds,
        new LicenseRepository(),
        idleRelay(ds),
        new RegistryOfficeRepository(),
      ).sweep('2027-06-02'),
    ).toBe(0);
    expect(await ds.query(`SELECT count(*)::int AS n FROM "archive"."outbox"`)).toEqual(before);
  });
});
