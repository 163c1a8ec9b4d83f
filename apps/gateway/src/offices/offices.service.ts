import { Injectable } from '@nestjs/common';
import { hashApiKey } from './api-key';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';
import { OfficeEntity } from './office.entity';
import { OfficeErrors } from './offices.errors';
import { OfficesRepository } from './offices.repository';

/** The office that an authenticated request acts for. */
export interface AuthenticatedOffice {
  officeNumber: string;
  name: string;
  licenseActive: boolean;
  apiKeyId: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class OfficesService {
  constructor(
    private readonly offices: OfficesRepository,
    private readonly keys: ApiKeysRepository,
  ) {}

  async authenticate(key: string | undefined): Promise<AuthenticatedOffice> {
    if (!key) throw OfficeErrors.keyMissing();
    const apiKey = await this.keys.findByHash(hashApiKey(key));
    if (!apiKey) throw OfficeErrors.keyInvalid();
    if (apiKey.revokedAt) throw OfficeErrors.keyRevoked();
    const office = await this.offices.find(apiKey.officeNumber);
    if (!office) throw OfficeErrors.officeNotRegistered();
    await this.touch(apiKey);
    return {
      officeNumber: office.officeNumber,
      name: office.name,
      licenseActive: office.licenseActive,
      apiKeyId: apiKey.id,
    };
  }

  find(officeNumber: string): Promise<OfficeEntity | null> {
    return this.offices.find(officeNumber);
  }

  /** Records last use at most once a minute per key: no write, and no round trip, on most requests. */
  private async touch(key: ApiKeyEntity): Promise<void> {
    const now = Date.now();
    if (key.lastUsedAt && now - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    await this.keys.markUsed(key.id, new Date(now));
  }
}
