import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';

/** The API keys the gateway owns, stored as sha256 of the key. */
@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.manager.findOne(ApiKeyEntity, { where: { keyHash } });
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.manager.findOne(ApiKeyEntity, { where: { id } });
  }

  /** An office's keys, oldest first, revoked ones too. */
  listForOffice(officeNumber: string): Promise<ApiKeyEntity[]> {
    return this.dataSource.manager.find(ApiKeyEntity, {
      where: { officeNumber },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  countActive(m: EntityManager, officeNumber: string): Promise<number> {
    return m.count(ApiKeyEntity, { where: { officeNumber, revokedAt: IsNull() } });
  }

  countActiveAdmins(m: EntityManager, officeNumber: string): Promise<number> {
    return m.count(ApiKeyEntity, { where: { officeNumber, role: 'admin', revokedAt: IsNull() } });
  }

  async insert(m: EntityManager, key: ApiKeyEntity): Promise<void> {
    await m.insert(ApiKeyEntity, key);
  }

  /** Revokes the office's key unless it already is (the first revocation time stays); true when this one did. */
  async revokeOnce(m: EntityManager, officeNumber: string, id: string, at: Date): Promise<boolean> {
    const result = await m.update(ApiKeyEntity, { id, officeNumber, revokedAt: IsNull() }, { revokedAt: at });
    return !!result.affected;
  }

  find(m: EntityManager, officeNumber: string, id: string): Promise<ApiKeyEntity | null> {
    return m.findOne(ApiKeyEntity, { where: { id, officeNumber } });
  }

  async markUsed(id: string, at: Date): Promise<void> {
    await this.dataSource.manager.update(ApiKeyEntity, { id }, { lastUsedAt: at });
  }
}
