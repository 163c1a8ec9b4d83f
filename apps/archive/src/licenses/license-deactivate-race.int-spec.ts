import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource } from '@careplan/persistence';
import { AppException } from '@careplan/platform';
import { KafkaService, OutboxRelay } from '@careplan/messaging';
import { createTestDatabase, eventually, TestDatabase } from '@careplan/testing';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { archiveDatabase } from '../database/archive.database';
import type { OperatorContext } from '../operators/operator-scope';
import { RegistryService } from '../registry/registry.service';
import { LicenseEntity } from './license.entity';
import { LicenseRepository } from './license.repository';
import { LicensesService } from './licenses.service';
import { RegistryOfficeRepository } from '../registry/registry-office.repository';

/** A relay never started: the events stay in the outbox, where the specs read them. */
const idleRelay = (ds: DataSource) => new OutboxRelay(ds, {} as KafkaService, 'archive');

const central: OperatorContext = { id: randomUUID(), name: 'central', role: 'central', prefecture: null };

describe('license application racing a deactivation (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const OFFICE = withOfficeCheckDigit('441200003');

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [archiveDatabase]);
    await ds.transaction((m) =>
      new RegistryService(ds, idleRelay(ds), new RegistryOfficeRepository()).ensure(
        m,
        OFFICE,
        '事業所',
        '訪問介護',
      ),
    );
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('waits for a deactivation in progress and then refuses, so no license is billed for a closed office', async () => {
    // A deactivation holds the office row (as RegistryService.deactivate does) and has not committed yet.
    const deactivation = ds.createQueryRunner();
    await deactivation.connect();
    await deactivation.startTransaction();
    await deactivation.query(`SELECT 1 FROM "archive"."offices" WHERE "office_number" = $1 FOR UPDATE`, [
      OFFICE,
    ]);
    await deactivation.query(`UPDATE "archive"."offices" SET "active" = false WHERE "office_number" = $1`, [
      OFFICE,
    ]);
    const [{ pid }] = (await deactivation.query(`SELECT pg_backend_pid() AS pid`)) as { pid: number }[];

    const application = new LicensesService(
      ds,
      new LicenseRepository(),
      idleRelay(ds),
      new RegistryOfficeRepository(),
    )
      .apply(central, OFFICE, { startDate: '2026-06-01', applicationDate: '2026-06-01' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    // The barrier, instead of a sleep: the deactivation commits only once the application is seen waiting
    // for a lock that the deactivation's own backend holds.
    await eventually(
      () =>
        ds.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND $1 = ANY(pg_blocking_pids(pid))`,
          [pid],
        ),
      (rows) => Number(rows[0].n) > 0,
      15000,
      20,
    );
    await deactivation.commitTransaction();
    await deactivation.release();

    const error = await application;
    expect(error).toBeInstanceOf(AppException);
    expect((error as AppException).code).toBe('OFFICE_INACTIVE');
    expect(await ds.manager.findOneBy(LicenseEntity, { officeNumber: OFFICE })).toBeNull();
  });
});
