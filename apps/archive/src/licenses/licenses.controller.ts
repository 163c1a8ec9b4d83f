import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OfficeNumberPipe, ProblemGroups, Problems } from '@careplan/contracts';
import { ApiProblems } from '@careplan/platform';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import type { OperatorContext } from '../operators/operator-scope';
import { ApplyLicenseDto, LicenseDto, UpdateLicenseDto } from './dto/license.dto';
import { LicensesService } from './licenses.service';

/** An office's license: application, suspension, resumption, end, auto-renewal and billing method. */
@ApiTags('licenses')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@ApiProblems(
  ...ProblemGroups.operatorToken,
  ...ProblemGroups.any,
  Problems.OFFICE_NUMBER_INVALID,
  Problems.OFFICE_NOT_FOUND,
)
@Controller('ops/v1/offices/:no/license')
export class OpsLicensesController {
  constructor(private readonly licenses: LicensesService) {}

  @ApiOperation({ summary: 'Apply for an office license — ライセンスの申込' })
  @ApiProblems(
    ...ProblemGroups.jsonBody,
    Problems.OFFICE_INACTIVE,
    Problems.LICENSE_EXISTS,
    Problems.DATE_INVALID,
    ...ProblemGroups.write,
  )
  @Post()
  @ApiCreatedResponse({ type: LicenseDto })
  apply(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
    @Body() dto: ApplyLicenseDto,
  ): Promise<LicenseDto> {
    return this.licenses.apply(op, no, dto);
  }

  @ApiOperation({ summary: "An office's license and its terms — ライセンスの確認" })
  @ApiProblems(Problems.LICENSE_NOT_FOUND)
  @Get()
  @ApiOkResponse({ type: LicenseDto })
  get(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<LicenseDto> {
    return this.licenses.get(op, no);
  }

  @ApiOperation({ summary: "Change a license's billing method or renewal — ライセンスの変更" })
  @ApiProblems(
    ...ProblemGroups.jsonBody,
    Problems.LICENSE_NOT_FOUND,
    Problems.LICENSE_STATE,
    Problems.DATE_INVALID,
    ...ProblemGroups.write,
  )
  @Patch()
  @ApiOkResponse({ type: LicenseDto })
  update(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
    @Body() dto: UpdateLicenseDto,
  ): Promise<LicenseDto> {
    return this.licenses.update(op, no, dto);
  }

  @ApiOperation({ summary: 'Suspend a license — ライセンスの停止' })
  @ApiProblems(Problems.LICENSE_NOT_FOUND, Problems.LICENSE_STATE, ...ProblemGroups.write)
  @Post('suspend')
  @ApiOkResponse({ type: LicenseDto })
  @HttpCode(200)
  suspend(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<LicenseDto> {
    return this.licenses.transition(op, no, 'suspend');
  }

  @ApiOperation({ summary: 'Resume a suspended license — ライセンスの再開' })
  @ApiProblems(Problems.LICENSE_NOT_FOUND, Problems.LICENSE_STATE, ...ProblemGroups.write)
  @Post('resume')
  @ApiOkResponse({ type: LicenseDto })
  @HttpCode(200)
  resume(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<LicenseDto> {
    return this.licenses.transition(op, no, 'resume');
  }

  @ApiOperation({ summary: 'End a license — ライセンスの終了' })
  @ApiProblems(Problems.LICENSE_NOT_FOUND, Problems.LICENSE_STATE, ...ProblemGroups.write)
  @Post('end')
  @ApiOkResponse({ type: LicenseDto })
  @HttpCode(200)
  end(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<LicenseDto> {
    return this.licenses.transition(op, no, 'end');
  }
}
