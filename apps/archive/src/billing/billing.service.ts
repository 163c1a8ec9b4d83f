import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { advisoryLock } from '@careplan/persistence';
import { loadCampaigns } from '../campaigns/campaigns.service';
import { addMonths, fiscalYearMonths } from '../licenses/calendar';
import { LicenseTermEntity } from '../licenses/license-term.entity';
import { RegistryOfficeEntity } from '../registry/registry-office.entity';
import { BillingStatementEntity } from './billing-statement.entity';
import { AnnualSummaryDto, StatementDto } from './dto/billing.dto';
import { buildStatement, contentHash, StatementContent, StatementTerm } from './statement';

/** Monthly statements per prefecture federation: a term is billed in the month it starts. */
@Injectable()
export class BillingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Builds the statement; a re-run with the same content returns the stored one, a changed one a new revision. */
  async statement(prefecture: string, month: string): Promise<StatementDto> {
    return this.dataSource.transaction(async (m) => {
      // One generator per prefecture and month at a time, so two re-runs never race on the revision.
      await advisoryLock(m, `statement:${prefecture}:${month}`);
      const content = await this.build(m, prefecture, month);
      const hash = contentHash(content);
      const latest = await m.findOne(BillingStatementEntity, {
        where: { prefecture, month },
        order: { revision: 'DESC' },
      });
      const stored =
        latest?.contentHash === hash
          ? latest
          : await m.save(
              m.create(BillingStatementEntity, {
                prefecture,
                month,
                revision: (latest?.revision ?? 0) + 1,
                contentHash: hash,
                body: content,
              }),
            );
      return {
        ...content,
        revision: stored.revision,
        contentHash: hash,
        generatedAt: stored.generatedAt.toISOString(),
      };
    });
  }

  /** Fiscal year April–March: the monthly totals and the year's. */
  async annual(prefecture: string, fiscalYear: number): Promise<AnnualSummaryDto> {
    const months = fiscalYearMonths(fiscalYear);
    const m = this.dataSource.manager;
    const terms = await this.terms(m, prefecture, `${months[0]}-01`, `${addMonths(`${months[11]}-01`, 1)}`);
    const campaigns = await loadCampaigns(m);
    const monthly = months.map((month) => ({
      month,
      ...buildStatement(
        prefecture,
        month,
        terms.filter((t) => t.startDate.startsWith(month)),
        campaigns,
      ).totals,
    }));
    return {
      prefecture,
      fiscalYear,
      months: monthly,
      totals: buildStatement(prefecture, String(fiscalYear), terms, campaigns).totals,
    };
  }

  private async build(m: EntityManager, prefecture: string, month: string): Promise<StatementContent> {
    const terms = await this.terms(m, prefecture, `${month}-01`, addMonths(`${month}-01`, 1));
    return buildStatement(prefecture, month, terms, await loadCampaigns(m));
  }

  /** Terms of the prefecture's offices starting in [from, until). */
  private async terms(
    m: EntityManager,
    prefecture: string,
    from: string,
    until: string,
  ): Promise<StatementTerm[]> {
    const rows = await m
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
    return rows;
  }
}
