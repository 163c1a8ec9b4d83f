import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { OperatorsModule } from '../operators/operators.module';
import { OpsBillingController } from './billing.controller';
import { BillingRepository } from './billing.repository';
import { BillingService } from './billing.service';

/** Monthly billing statements and fiscal-year summaries per prefecture federation. */
@Module({
  imports: [OperatorsModule, CampaignsModule],
  controllers: [OpsBillingController],
  providers: [BillingService, BillingRepository],
})
export class BillingModule {}
