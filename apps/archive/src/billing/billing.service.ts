import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { advisoryLock } from '@careplan/persistence';
import { CampaignRepository } from '../campaigns/campaign.repository';
import { addMonths, fiscalYearMonths } from '../licenses/calendar';
import { BillingRepository } from './billing.repository';
import { AnnualSummaryDto, StatementDto } from './dto/billing.dto';
import { buildStatement, contentHash, StatementContent } from './statement';

/** Monthly statements per prefecture federation: a term is billed in the month it starts. */
@Injectable()
export class BillingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly billing: BillingRepository,
    private readonly campaigns: CampaignRepository,
  ) {}

  /** Builds the statement; a re-run with the same content returns the stored one, a changed one a new revision. */
  async statement(prefecture: string, month: string): Promise<StatementDto> {
    return this.dataSource.transaction(async (m) => {
      // One generator per prefecture and month at a time, so two re-runs never race on the revision.
      await advisoryLock(m, `statement:${prefecture}:${month}`);
      const content = await this.build(m, prefecture, month);
      const hash = contentHash(content);
      const latest = await this.billing.latestStatement(m, prefecture, month);
      const stored =
        latest?.contentHash === hash
          ? latest
          : await this.billing.insertStatement(m, {
              prefecture,
              month,
              revision: (latest?.revision ?? 0) + 1,
              contentHash: hash,
              body: content,
            });
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
    const terms = await this.billing.termsStarting(
      m,
      prefecture,
      `${months[0]}-01`,
      `${addMonths(`${months[11]}-01`, 1)}`,
    );
    const campaigns = await this.campaigns.all(m);
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
    const terms = await this.billing.termsStarting(m, prefecture, `${month}-01`, addMonths(`${month}-01`, 1));
    return buildStatement(prefecture, month, terms, await this.campaigns.all(m));
  }
}
