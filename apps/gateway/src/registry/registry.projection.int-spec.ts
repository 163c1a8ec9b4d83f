import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource } from '@careplan/persistence';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { gatewayDatabase } from '../database/gateway.database';
import { newApiKey } from '../offices/api-key';
import { ApiKeyEntity } from '../offices/api-key.entity';
import { OfficeEntity } from '../offices/office.entity';
import { officesServiceOn } from '../offices/offices.testing';
import { applyLicenseChanged, applyOfficeChanged } from './registry.projection';

describe('registry projection (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const office = (officeNumber: string) => ds.manager.findOneByOrFail(OfficeEntity, { officeNumber });

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [gatewayDatabase]);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('licenses an office only when both its license and the office are active, in any arrival order', async () => {
    const no = withOfficeCheckDigit('431200001');
    await applyLicenseChanged(ds.manager, { officeNumber: no, state: 'active', validUntil: '2027-05-31' });
    expect(await office(no)).toMatchObject({ active: false, licenseActive: false, licenseState: 'active' });

    await applyOfficeChanged(ds.manager, {
      officeNumber: no,
      name: '熊本居宅',
      kind: '居宅介護支援',
      active: true,
    });
    expect(await office(no)).toMatchObject({
      name: '熊本居宅',
      licenseActive: true,
      licenseValidUntil: '2027-05-31',
    });

    await applyLicenseChanged(ds.manager, { officeNumber: no, state: 'suspended', validUntil: '2027-05-31' });
    expect((await office(no)).licenseActive).toBe(false);
    await applyLicenseChanged(ds.manager, { officeNumber: no, state: 'active', validUntil: '2027-05-31' });
    await applyOfficeChanged(ds.manager, {
      officeNumber: no,
      name: '熊本居宅',
      kind: '居宅介護支援',
      active: false,
    });
    expect((await office(no)).licenseActive).toBe(false);
  });

  it('lets a key minted before its office was projected authenticate once the office and its license arrive', async () => {
    const no = withOfficeCheckDigit('431200003');
    const { key, hash, prefix } = newApiKey();
    await ds.manager.insert(ApiKeyEntity, {
      id: randomUUID(),
      officeNumber: no,
      keyHash: hash,
      keyPrefix: prefix,
      label: 'PC',
    });
    const state = { officeNumber: no, name: '熊本訪問介護', kind: '訪問介護', active: true };
    for (let i = 0; i < 2; i++) {
      await applyOfficeChanged(ds.manager, state);
      await applyLicenseChanged(ds.manager, { officeNumber: no, state: 'active', validUntil: '2027-11-25' });
    }
    expect(await office(no)).toMatchObject({ ...state, licenseActive: true, licenseState: 'active' });
    expect((await officesServiceOn(ds).authenticate(key)).licenseActive).toBe(true);
  });
});
