import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { ApiProblems } from '@careplan/platform';
import { PrefectureQuery } from '../adoption/dto/adoption.dto';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import { OperatorContext, prefectureFilter } from '../operators/operator-scope';
import { OverviewDto } from './dto/overview.dto';
import { OverviewService } from './overview.service';

/** The operations console's first page: the exchange today, within the operator's prefecture. */
@ApiTags('reports')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@ApiProblems(...ProblemGroups.operatorToken, ...ProblemGroups.any, ...ProblemGroups.input, Problems.OPS_SCOPE)
@Controller('ops/v1')
export class OpsOverviewController {
  constructor(private readonly overview: OverviewService) {}

  @ApiOperation({
    summary: "Today's submissions, failures, deliveries, dead letters and the services' health — 概況",
  })
  @Get('overview')
  @ApiOkResponse({ type: OverviewDto })
  figures(@CurrentOperator() op: OperatorContext, @Query() q: PrefectureQuery): Promise<OverviewDto> {
    return this.overview.figures(op, prefectureFilter(op, q.prefecture));
  }
}
