import { DataSource } from 'typeorm';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';
import { dataSourceOptions } from '@careplan/persistence';
import { COMMAND_LINE, recordAudit } from '../../apps/archive/src/audit/audit';
import { todayInTokyo } from '../../apps/archive/src/licenses/calendar';
import { LicenseEntity } from '../../apps/archive/src/licenses/license.entity';
import { applyLicense } from '../../apps/archive/src/licenses/license.store';
import { prefectureOf } from '../../apps/archive/src/operators/operator-scope';
import { RegistryService } from '../../apps/archive/src/registry/registry.service';
import { OfficesService } from '../../apps/gateway/src/offices/offices.service';
import { applyLicenseChanged, applyOfficeChanged } from '../../apps/gateway/src/registry/registry.projection';
import { archiveDatabase, gatewayDatabase } from './databases';

export interface SeedOptions {
  kind?: string;
  /** False for `--campaign none`: the license is paid whatever the campaigns say. */
  campaigns?: boolean;
}

/**
 * Registers the office in the archive's registry with a license starting today (unless it has one), its
 * events published through the archive outbox, and issues a key in the gateway at once; the gateway's
 * office row is written as the projection would, so the key works before the events arrive.
 */
export async function seedOffice(
  databaseUrl: string,
  officeNumber: string,
  name: string,
  options: SeedOptions = {},
): Promise<{ officeNumber: string; apiKey: string }> {
  if (!OFFICE_NUMBER_PATTERN.test(officeNumber)) {
    throw new Error(`"${officeNumber}" is not a valid 10-character office number`);
  }
  const ds = new DataSource({
    ...dataSourceOptions(databaseUrl, archiveDatabase),
    entities: [...entitiesOf(archiveDatabase), ...entitiesOf(gatewayDatabase)],
  });
  await ds.initialize();
  try {
    const { office, license } = await ds.transaction(async (m) => {
      const o = await new RegistryService(ds).ensure(m, officeNumber, name, options.kind ?? 'unspecified');
      const l =
        (await m.findOne(LicenseEntity, { where: { officeNumber } })) ??
        (await applyToday(m, officeNumber, options));
      return { office: o, license: l };
    });
    const key = await new OfficesService(ds).registerWithKey(officeNumber, office.name);
    await ds.transaction(async (m) => {
      await applyOfficeChanged(m, office);
      await applyLicenseChanged(m, { officeNumber, state: license.state, validUntil: license.lastEnd });
    });
    return key;
  } finally {
    await ds.destroy();
  }
}

async function applyToday(m: Parameters<typeof applyLicense>[0], officeNumber: string, options: SeedOptions) {
  const today = todayInTokyo();
  const application = {
    startDate: today,
    applicationDate: today,
    billingMethod: 'deduction' as const,
    autoRenew: true,
    campaigns: options.campaigns ?? true,
  };
  const license = await applyLicense(m, officeNumber, application, today);
  await recordAudit(
    m,
    COMMAND_LINE,
    'license.apply',
    officeNumber,
    { ...application, tool: 'seed' },
    prefectureOf(officeNumber),
  );
  return license;
}

function entitiesOf(db: typeof archiveDatabase) {
  return Array.isArray(db.entities) ? db.entities : Object.values(db.entities);
}
