import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CampaignsService } from '../campaigns/campaigns.service';
import { CampaignDto, CreateCampaignDto } from '../campaigns/dto/campaign.dto';
import { OfficeNumberPipe } from '../history/office-number.pipe';
import { ApplyLicenseDto, LicenseDto, UpdateLicenseDto } from '../licenses/dto/license.dto';
import { LicensesService } from '../licenses/licenses.service';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import type { OperatorContext } from '../operators/operator-scope';

/** An office's license: application, suspension, resumption, end, auto-renewal and billing method. */
@ApiTags('licenses')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@Controller('ops/v1/offices/:no/license')
export class OpsLicensesController {
  constructor(private readonly licenses: LicensesService) {}

  @Post()
  apply(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
    @Body() dto: ApplyLicenseDto,
  ): Promise<LicenseDto> {
    return this.licenses.apply(op, no, dto);
  }

  @Get()
  get(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<LicenseDto> {
    return this.licenses.get(op, no);
  }

  @Patch()
  update(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
    @Body() dto: UpdateLicenseDto,
  ): Promise<LicenseDto> {
    return this.licenses.update(op, no, dto);
  }

  @Post('suspend')
  @HttpCode(200)
  suspend(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<LicenseDto> {
    return this.licenses.transition(op, no, 'suspend');
  }

  @Post('resume')
  @HttpCode(200)
  resume(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<LicenseDto> {
    return this.licenses.transition(op, no, 'resume');
  }

  @Post('end')
  @HttpCode(200)
  end(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<LicenseDto> {
    return this.licenses.transition(op, no, 'end');
  }
}

/** Campaigns (fee exemptions) as data: anyone may read them, central administrators add them. */
@ApiTags('campaigns')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@Controller('ops/v1/campaigns')
export class OpsCampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  list(): Promise<CampaignDto[]> {
    return this.campaigns.list();
  }

  @Post()
  create(@CurrentOperator() op: OperatorContext, @Body() dto: CreateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.create(op, dto);
  }
}
