import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreatedOperatorDto, CreateOperatorDto, OperatorContextDto, OperatorDto } from './dto/operator.dto';
import { ApiProblems } from '@careplan/platform';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { CurrentOperator, OperatorGuard } from './operator.guard';
import type { OperatorContext } from './operator-scope';
import { OperatorsService } from './operators.service';

/** The calling operator and the operator accounts. */
@ApiTags('administration')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@ApiProblems(...ProblemGroups.operatorToken, ...ProblemGroups.any)
@Controller('ops/v1')
export class OpsOperatorsController {
  constructor(private readonly operators: OperatorsService) {}

  @ApiOperation({ summary: 'The signed-in operator — ログイン中のオペレーター' })
  @Get('me')
  @ApiOkResponse({ type: OperatorContextDto })
  me(@CurrentOperator() op: OperatorContext): OperatorContext {
    return op;
  }

  @ApiOperation({ summary: 'Create an operator (central administrators) — オペレーターの作成' })
  @ApiProblems(
    ...ProblemGroups.jsonBody,
    Problems.OPS_ROLE,
    Problems.OPERATOR_PREFECTURE,
    ...ProblemGroups.write,
  )
  @Post('operators')
  @ApiCreatedResponse({ type: CreatedOperatorDto })
  createOperator(
    @CurrentOperator() op: OperatorContext,
    @Body() dto: CreateOperatorDto,
  ): Promise<CreatedOperatorDto> {
    return this.operators.create(op, dto);
  }

  @ApiOperation({ summary: 'List operators — オペレーター一覧' })
  @ApiProblems(Problems.OPS_ROLE)
  @Get('operators')
  @ApiOkResponse({ type: [OperatorDto] })
  listOperators(@CurrentOperator() op: OperatorContext): Promise<OperatorDto[]> {
    return this.operators.list(op);
  }

  /** Central only: the operator's token answers 401 OPS_TOKEN_REVOKED from the next request on. */
  @ApiOperation({ summary: 'Revoke an operator — オペレーターの失効' })
  @ApiProblems(
    Problems.OPS_ROLE,
    Problems.OPERATOR_NOT_FOUND,
    Problems.OPERATOR_SELF_REVOKE,
    ...ProblemGroups.write,
  )
  @Post('operators/:id/revoke')
  @ApiOkResponse({ type: OperatorDto })
  @HttpCode(200)
  revokeOperator(@CurrentOperator() op: OperatorContext, @Param('id') id: string): Promise<OperatorDto> {
    return this.operators.revoke(op, id);
  }
}
