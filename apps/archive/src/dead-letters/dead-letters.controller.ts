import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DeadLetterPageDto,
  DeadLetterQuery,
  ProblemGroups,
  Problems,
  ReplayDeadLettersBody,
  ReplayResultDto,
} from '@careplan/contracts';
import { ApiProblems } from '@careplan/platform';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import type { OperatorContext } from '../operators/operator-scope';
import { DeadLettersService } from './dead-letters.service';

/** Webhook dead letters (kept by the router) and their replay, within the operator's prefecture. */
@ApiTags('administration')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@ApiProblems(
  ...ProblemGroups.operatorToken,
  ...ProblemGroups.any,
  Problems.OPS_SCOPE,
  Problems.DEAD_LETTERS_UNAVAILABLE,
)
@Controller('ops/v1')
export class OpsDeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @ApiOperation({ summary: 'Webhook dead letters — Webhookの配信失敗一覧' })
  @ApiProblems(...ProblemGroups.page)
  @Get('dead-letters')
  @ApiOkResponse({ type: DeadLetterPageDto })
  listDeadLetters(
    @CurrentOperator() op: OperatorContext,
    @Query() q: DeadLetterQuery,
  ): Promise<DeadLetterPageDto> {
    return this.deadLetters.list(op, q);
  }

  @ApiOperation({ summary: 'Replay webhook dead letters — Webhookの再配信' })
  @ApiProblems(...ProblemGroups.jsonBody, Problems.REPLAY_INVALID, ...ProblemGroups.write)
  @Post('dead-letters/replay')
  @ApiOkResponse({ type: ReplayResultDto })
  @HttpCode(200)
  replay(
    @CurrentOperator() op: OperatorContext,
    @Body() dto: ReplayDeadLettersBody,
  ): Promise<ReplayResultDto> {
    return this.deadLetters.replay(op, dto);
  }
}
