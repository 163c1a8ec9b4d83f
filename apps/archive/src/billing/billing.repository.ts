import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LicenseTermEntity } from '../licenses/license-term.entity';
import { RegistryOfficeEntity } from '../registry/registry-office.entity';
import { BillingStatementEntity } from './billing-statement.entity';
import { StatementTerm } from './statement';

/** Statement revisions, and the license terms they bill; read in the statement's transaction when one runs. */
@Injectable()
export class BillingRepository {
  latestStatement(
    m: EntityManager,
    prefecture: string,
    month: string,
  ): Promise<BillingStatementEntity | null> {
    return m.findOne(BillingStatementEntity, { where: { prefecture, month }, order: { revision: 'DESC' } });
  }

  insertStatement(
    m: EntityManager,
    fields: Pick<BillingStatementEntity, 'prefecture' | 'month' | 'revision' | 'contentHash' | 'body'>,
  ): Promise<BillingStatementEntity> {
    return m.save(m.create(BillingStatementEntity, fields));
  }

  /** Terms of the prefecture's offices starting in [from, until), with the office's name. */
  termsStarting(m: EntityManager, prefecture: string, from: string, until: string): Promise<StatementTerm[]> {
    return m
      .createQueryBuilder(LicenseTermEntity, 't')
      .innerJoin(RegistryOfficeEntity, 'o', 'o.officeNumber = t.officeNumber')
      .select([
        't.officeNumber AS "officeNumber"',
        'o.name AS "officeName"',
        't.termNo AS "termNo"',
        `to_char(t.startDate, 'YYYY-MM-DD') AS "startDate"`,
        `to_char(t.endDate, 'YYYY-MM-DD') AS "endDate"`,
        't.feeYen AS "feeYen"',
        't.billingMethod AS "billingMethod"',
        't.campaignCode AS "campaignCode"',
        `to_char(t.freeUntil, 'YYYY-MM-DD') AS "freeUntil"`,
      ])
      .where('o.prefecture = :prefecture', { prefecture })
      .andWhere('t.startDate >= :from AND t.startDate < :until', { from, until })
      .getRawMany<StatementTerm>();
  }
}
