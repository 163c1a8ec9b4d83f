import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LicenseTermEntity } from './license-term.entity';
import { LicenseEntity } from './license.entity';

const FOR_UPDATE = { lock: { mode: 'pessimistic_write' as const } };

/**
 * Licenses and their terms. Every method runs in the manager it is given (license changes happen in the
 * caller's transaction); stateless, so the license lifecycle, which the registry and the seed tool run without
 * a container, holds one too.
 */
@Injectable()
export class LicenseRepository {
  /** The license; locked until the caller's transaction ends when `lock`. */
  findByOffice(m: EntityManager, officeNumber: string, lock = false): Promise<LicenseEntity | null> {
    return m.findOne(LicenseEntity, { where: { officeNumber }, ...(lock ? FOR_UPDATE : {}) });
  }

  async save(m: EntityManager, license: LicenseEntity): Promise<void> {
    await m.save(license);
  }

  /** Offices whose active license the calendar may have moved: past its last term, or not yet active. */
  async dueForSweep(m: EntityManager, today: string): Promise<string[]> {
    const rows = await m
      .createQueryBuilder(LicenseEntity, 'l')
      .select('l.officeNumber', 'officeNumber')
      .where(`l.status = 'active' AND (l.lastEnd < :today OR l.state <> 'active')`, { today })
      .getRawMany<{ officeNumber: string }>();
    return rows.map((r) => r.officeNumber);
  }

  termsOf(m: EntityManager, officeNumber: string): Promise<LicenseTermEntity[]> {
    return m.find(LicenseTermEntity, { where: { officeNumber }, order: { termNo: 'ASC' } });
  }

  /** Numbers the terms on from the office's last one (0 when it has none). */
  async lastTermNo(m: EntityManager, officeNumber: string): Promise<number> {
    const last = await m.findOne(LicenseTermEntity, { where: { officeNumber }, order: { termNo: 'DESC' } });
    return last?.termNo ?? 0;
  }

  async insertTerm(m: EntityManager, term: Omit<LicenseTermEntity, 'id' | 'createdAt'>): Promise<void> {
    await m.insert(LicenseTermEntity, term);
  }
}
