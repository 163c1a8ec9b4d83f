import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';
import { hashApiKey, newApiKey } from './api-key';
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

  /** Registers an office with an active license, or finds it, and issues a new key for it. */
  async registerWithKey(
    officeNumber: string,
    name: string,
    label = 'seed',
  ): Promise<{ officeNumber: string; apiKey: string }> {
    if (!OFFICE_NUMBER_PATTERN.test(officeNumber)) throw OfficeErrors.officeNumberInvalid(officeNumber);
    return this.dataSource.transaction(async (m) => {
      await m
        .createQueryBuilder()
        .insert()
        .into(OfficeEntity)
        .values({ officeNumber, name, licenseActive: true })
        .orUpdate(['license_active'], ['office_number'])
        .execute();
      const { key, hash, prefix } = newApiKey();
      await m.insert(ApiKeyEntity, {
        id: randomUUID(),
        officeNumber,
        keyHash: hash,
        keyPrefix: prefix,
        label,
      });
      return { officeNumber, apiKey: key };
    });
  }

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
