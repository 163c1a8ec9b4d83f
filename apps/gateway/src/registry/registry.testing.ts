import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { KeyRole } from '@careplan/contracts';
import { newApiKey } from '../offices/api-key';
import { ApiKeyEntity } from '../offices/api-key.entity';
import { applyLicenseChanged, applyOfficeChanged } from './registry.projection';

/**
 * For integration specs: an office with an active license, projected as the registry's events write it, and a new
 * key of the gateway's own (the gateway owns keys), admin unless told otherwise. Answers the key.
 */
export async function registeredOffice(
  ds: DataSource,
  officeNumber: string,
  name: string,
  label = 'it',
  role: KeyRole = 'admin',
): Promise<{ officeNumber: string; apiKey: string }> {
  const { key, hash, prefix } = newApiKey();
  await ds.transaction(async (m) => {
    await applyOfficeChanged(m, { officeNumber, name, kind: 'unspecified', active: true });
    await applyLicenseChanged(m, { officeNumber, state: 'active' });
    await m.insert(ApiKeyEntity, {
      id: randomUUID(),
      officeNumber,
      keyHash: hash,
      keyPrefix: prefix,
      label,
      role,
    });
  });
  return { officeNumber, apiKey: key };
}
