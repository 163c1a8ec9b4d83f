import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OperatorEntity } from './operator.entity';

/** Operator accounts, found by their token's hash or their id. */
@Injectable()
export class OperatorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByTokenHash(tokenHash: string): Promise<OperatorEntity | null> {
    return this.dataSource.manager.findOne(OperatorEntity, { where: { tokenHash } });
  }

  listByCreation(): Promise<OperatorEntity[]> {
    return this.dataSource.manager.find(OperatorEntity, { order: { createdAt: 'ASC' } });
  }

  /** Locked until the caller's transaction ends, so two revocations do not both audit. */
  findForUpdate(m: EntityManager, id: string): Promise<OperatorEntity | null> {
    return m.findOne(OperatorEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(
    m: EntityManager,
    fields: Pick<OperatorEntity, 'id' | 'name' | 'role' | 'prefecture' | 'tokenHash'>,
  ) {
    return m.save(m.create(OperatorEntity, fields));
  }

  async markRevoked(m: EntityManager, row: OperatorEntity, at: Date): Promise<void> {
    row.revokedAt = at;
    await m.save(row);
  }
}
