import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@careplan/persistence';
import { OfficesService } from '../../apps/gateway/src/offices/offices.service';
import { gatewayDatabase } from './databases';

/** Registers an office with an active license (or finds it) and issues a new API key for it. */
export async function seedOffice(
  databaseUrl: string,
  officeNumber: string,
  name: string,
): Promise<{ officeNumber: string; apiKey: string }> {
  const ds = new DataSource(dataSourceOptions(databaseUrl, gatewayDatabase));
  await ds.initialize();
  try {
    return await new OfficesService(ds).registerWithKey(officeNumber, name);
  } finally {
    await ds.destroy();
  }
}
