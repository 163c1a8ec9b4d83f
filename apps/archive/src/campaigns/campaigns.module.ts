import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { OpsCampaignsController } from './campaigns.controller';
import { CampaignRepository } from './campaign.repository';
import { CampaignsService } from './campaigns.service';

/** Campaigns (fee exemptions) as data. */
@Module({
  imports: [OperatorsModule],
  controllers: [OpsCampaignsController],
  providers: [CampaignsService, CampaignRepository],
  // Billing prices its statements with the campaigns.
  exports: [CampaignRepository],
})
export class CampaignsModule {}
