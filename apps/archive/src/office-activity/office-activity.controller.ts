import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OfficeNumberPipe, ProblemGroups, Problems } from '@careplan/contracts';
import { ApiProblems } from '@careplan/platform';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import type { OperatorContext } from '../operators/operator-scope';
import { OfficeActivityDto } from './dto/office-activity.dto';
import { OfficeActivityService } from './office-activity.service';

/** What the console's office page shows beside the registration, license and keys. */
@ApiTags('offices')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@ApiProblems(...ProblemGroups.operatorToken, ...ProblemGroups.any)
@Controller('ops/v1/offices')
export class OpsOfficeActivityController {
  constructor(private readonly activity: OfficeActivityService) {}

  @ApiOperation({
    summary: "An office's webhook, directory listing and recent history — 事業所の利用状況",
    description:
      "Scoped like GET /ops/v1/offices/{no}: another prefecture's office is not found. The webhook is the router's, shown as its host only (never the secret); null when the router does not answer.",
  })
  @ApiProblems(Problems.OFFICE_NUMBER_INVALID, Problems.OFFICE_NOT_FOUND)
  @Get(':no/activity')
  @ApiOkResponse({ type: OfficeActivityDto })
  get(
    @CurrentOperator() op: OperatorContext,
    @Param('no', OfficeNumberPipe) no: string,
  ): Promise<OfficeActivityDto> {
    return this.activity.activity(op, no);
  }
}
