import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { OpsCampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';

/** Campaigns (fee exemptions) as data. */
@Module({
  imports: [OperatorsModule],
  controllers: [OpsCampaignsController],
  providers: [CampaignsService],
})
export class CampaignsModule {}
