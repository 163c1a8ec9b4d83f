import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hashApiKey } from './api-key';
import { ApiKeyEntity } from './api-key.entity';
import { OfficeEntity } from './office.entity';
import { OfficeErrors } from './offices.errors';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async authenticate(key: string | undefined): Promise<AuthenticatedOffice> {
    if (!key) throw OfficeErrors.keyMissing();
    const apiKey = await this.dataSource.manager.findOne(ApiKeyEntity, {
      where: { keyHash: hashApiKey(key) },
    });
    if (!apiKey) throw OfficeErrors.keyInvalid();
    if (apiKey.revokedAt) throw OfficeErrors.keyRevoked();
    const office = await this.dataSource.manager.findOne(OfficeEntity, {
      where: { officeNumber: apiKey.officeNumber },
    });
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
    return this.dataSource.manager.findOne(OfficeEntity, { where: { officeNumber } });
  }

  /** Records last use at most once a minute per key: no write, and no round trip, on most requests. */
  private async touch(key: ApiKeyEntity): Promise<void> {
    const now = Date.now();
    if (key.lastUsedAt && now - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    await this.dataSource.manager.update(ApiKeyEntity, { id: key.id }, { lastUsedAt: new Date(now) });
  }
}
