import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@careplan/platform';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import type { OperatorContext } from '../operators/operator-scope';
import { CampaignsService } from './campaigns.service';
import { CampaignDto, CreateCampaignDto } from './dto/campaign.dto';

/** Campaigns (fee exemptions) as data: anyone may read them, central administrators add them. */
@ApiTags('campaigns')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@ApiProblems(...ProblemGroups.operatorToken, ...ProblemGroups.any)
@Controller('ops/v1/campaigns')
export class OpsCampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @ApiOperation({ summary: 'List campaigns (free periods) — キャンペーン一覧' })
  @Get()
  @ApiOkResponse({ type: [CampaignDto] })
  list(): Promise<CampaignDto[]> {
    return this.campaigns.list();
  }

  @ApiOperation({ summary: 'Add a campaign — キャンペーンの追加' })
  @ApiProblems(
    ...ProblemGroups.jsonBody,
    Problems.OPS_ROLE,
    Problems.CAMPAIGN_INVALID,
    Problems.CAMPAIGN_EXISTS,
    ...ProblemGroups.write,
  )
  @Post()
  @ApiCreatedResponse({ type: CampaignDto })
  create(@CurrentOperator() op: OperatorContext, @Body() dto: CreateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.create(op, dto);
  }
}
