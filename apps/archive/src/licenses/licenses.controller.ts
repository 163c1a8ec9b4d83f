import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OfficeNumberPipe } from '@careplan/contracts';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import type { OperatorContext } from '../operators/operator-scope';
import { ApplyLicenseDto, LicenseDto, UpdateLicenseDto } from './dto/license.dto';
import { LicensesService } from './licenses.service';

/** An office's license: application, suspension, resumption, end, auto-renewal and billing method. */
@ApiTags('licenses')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@Controller('ops/v1/offices/:no/license')
export class OpsLicensesController {
  constructor(private readonly licenses: LicensesService) {}

  @ApiOperation({ summary: 'Apply for an office license — ライセンスの申込' })
  @Post()
  apply(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
    @Body() dto: ApplyLicenseDto,
  ): Promise<LicenseDto> {
    return this.licenses.apply(op, no, dto);
  }

  @ApiOperation({ summary: "An office's license and its terms — ライセンスの確認" })
  @Get()
  get(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<LicenseDto> {
    return this.licenses.get(op, no);
  }

  @ApiOperation({ summary: "Change a license's billing method or renewal — ライセンスの変更" })
  @Patch()
  update(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
    @Body() dto: UpdateLicenseDto,
  ): Promise<LicenseDto> {
    return this.licenses.update(op, no, dto);
  }

  @ApiOperation({ summary: 'Suspend a license — ライセンスの停止' })
  @Post('suspend')
  @HttpCode(200)
  suspend(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<LicenseDto> {
    return this.licenses.transition(op, no, 'suspend');
  }

  @ApiOperation({ summary: 'Resume a suspended license — ライセンスの再開' })
  @Post('resume')
  @HttpCode(200)
  resume(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<LicenseDto> {
    return this.licenses.transition(op, no, 'resume');
  }

  @ApiOperation({ summary: 'End a license — ライセンスの終了' })
  @Post('end')
  @HttpCode(200)
  end(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<LicenseDto> {
    return this.licenses.transition(op, no, 'end');
  }
}
