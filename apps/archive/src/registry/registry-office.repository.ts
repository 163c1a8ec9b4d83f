import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';
import { containsPattern, prefixPattern } from '@careplan/persistence';
import { keysetPage, Page } from '@careplan/platform';
import { RegistryOfficeEntity } from './registry-office.entity';

/** What a search narrows the offices by; absent: any. */
export interface OfficeFilter {
  prefecture?: string | null;
  district?: string;
  /** The start of the office number, upper case. */
  numberPrefix?: string;
  /** Part of the name. */
  name?: string;
}

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

  /**
   * Offices in number order matching every filter given. The name is compared in NFKC on both sides, so
   * full- and half-width forms match; a scan of the registry (some 10,000 rows) is cheap, and the number
   * order of the primary key keeps a page's rows few.
   */
  page<T>(
    m: EntityManager,
    filter: OfficeFilter,
    cursor: string | undefined,
    limit: number,
    map: (rows: RegistryOfficeEntity[]) => T[],
  ): Promise<Page<T>> {
    const qb = m.createQueryBuilder(RegistryOfficeEntity, 'o');
    if (filter.prefecture) qb.andWhere('o.prefecture = :prefecture', { prefecture: filter.prefecture });
    if (filter.district) qb.andWhere('o.district = :district', { district: filter.district });
    if (filter.numberPrefix)
      qb.andWhere(`o.officeNumber LIKE :numberPrefix ESCAPE '\\'`, {
        numberPrefix: prefixPattern(filter.numberPrefix),
      });
    if (filter.name)
      qb.andWhere(`normalize(o.name, NFKC) ILIKE :name ESCAPE '\\'`, {
        name: containsPattern(filter.name.normalize('NFKC')),
      });
    return keysetPage(
      qb,
      { ascending: 'officeNumber', valid: (n) => OFFICE_NUMBER_PATTERN.test(n) },
      cursor,
      limit,
      map,
    );
  }
}
