import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';
import { OfficeEntity } from './office.entity';

/** The API keys the gateway owns, stored as sha256 of the key. */
@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The key (by its hash or its id) with its office, null when the office is not registered: every request
   * needs both, so one query reads them.
   */
  async findWithOffice(
    by: { keyHash: string } | { id: string },
  ): Promise<{ key: ApiKeyEntity; office: OfficeEntity | null } | null> {
    const [column, value] = 'id' in by ? ['id', by.id] : ['keyHash', by.keyHash];
    const row = await this.dataSource.manager
      .createQueryBuilder(ApiKeyEntity, 'k')
      .leftJoinAndMapOne('k.office', OfficeEntity, 'o', 'o.officeNumber = k.officeNumber')
      .where(`k.${column} = :value`, { value })
      .getOne();
    if (!row) return null;
    const { office, ...key } = row as ApiKeyEntity & { office?: OfficeEntity };
    return { key: Object.assign(new ApiKeyEntity(), key), office: office ?? null };
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
