import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';
import { keysetPage, Page } from '@careplan/platform';
import { RegistryOfficeEntity } from './registry-office.entity';

const FOR_UPDATE = { lock: { mode: 'pessimistic_write' as const } };

/**
 * The registry's offices. Every method runs in the manager it is given (registry and license changes happen in
 * the caller's transaction, and lock the office row like a deactivation does when `lock`).
 */
@Injectable()
export class RegistryOfficeRepository {
  find(m: EntityManager, officeNumber: string, lock = false): Promise<RegistryOfficeEntity | null> {
    return m.findOne(RegistryOfficeEntity, { where: { officeNumber }, ...(lock ? FOR_UPDATE : {}) });
  }

  async insert(m: EntityManager, office: Omit<RegistryOfficeEntity, 'createdAt' | 'updatedAt'>) {
    const row = m.create(RegistryOfficeEntity, office);
    await m.save(row);
    return row;
  }

  async save(m: EntityManager, office: RegistryOfficeEntity): Promise<void> {
    await m.save(office);
  }

  /** Offices in number order, of one prefecture when given. */
  page<T>(
    m: EntityManager,
    prefecture: string | null | undefined,
    cursor: string | undefined,
    limit: number,
    map: (rows: RegistryOfficeEntity[]) => T[],
  ): Promise<Page<T>> {
    const qb = m.createQueryBuilder(RegistryOfficeEntity, 'o');
    if (prefecture) qb.andWhere('o.prefecture = :prefecture', { prefecture });
    return keysetPage(
      qb,
      { ascending: 'officeNumber', valid: (n) => OFFICE_NUMBER_PATTERN.test(n) },
      cursor,
      limit,
      map,
    );
  }
}
