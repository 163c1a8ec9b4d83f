import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@careplan/platform';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import { OperatorContext, prefectureFilter } from '../operators/operator-scope';
import { AdoptionService } from './adoption.service';
import { AdoptionDto, PrefectureQuery } from './dto/adoption.dto';

/** Adoption figures, within the operator's prefecture. */
@ApiTags('reports')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@ApiProblems(...ProblemGroups.operatorToken, ...ProblemGroups.any, ...ProblemGroups.input, Problems.OPS_SCOPE)
@Controller('ops/v1')
export class OpsAdoptionController {
  constructor(private readonly adoption: AdoptionService) {}

  @ApiOperation({ summary: 'Registered, licensed and active offices by prefecture and district — 利用状況' })
  @Get('adoption')
  @ApiOkResponse({ type: AdoptionDto })
  figures(@CurrentOperator() op: OperatorContext, @Query() q: PrefectureQuery): Promise<AdoptionDto> {
    return this.adoption.figures(prefectureFilter(op, q.prefecture));
  }
}
