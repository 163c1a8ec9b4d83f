import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreatedOperatorDto,
  CreateOperatorDto,
  OperatorContextDto,
  OperatorDto,
  SetupLinkDto,
  UpdateOperatorDto,
} from './dto/operator.dto';
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

  @ApiOperation({
    summary: 'Create an operator (central administrators) — オペレーターの作成',
    description: 'Answers the bearer token and a one-time link (72 hours) to set up console sign-in.',
  })
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

  @ApiOperation({
    summary: "Change an operator's role or prefecture — オペレーターの権限変更",
    description: 'Applies from the operator’s next request, with its token or its console session.',
  })
  @ApiProblems(
    ...ProblemGroups.jsonBody,
    Problems.OPS_ROLE,
    Problems.OPERATOR_NOT_FOUND,
    Problems.OPERATOR_PREFECTURE,
    ...ProblemGroups.write,
  )
  @Patch('operators/:id')
  @ApiOkResponse({ type: OperatorDto })
  updateOperator(
    @CurrentOperator() op: OperatorContext,
    @Param('id') id: string,
    @Body() dto: UpdateOperatorDto,
  ): Promise<OperatorDto> {
    return this.operators.update(op, id, dto);
  }

  /** Central only: a lost phone or a forgotten password; the operator's sessions end. */
  @ApiOperation({
    summary: "Reset an operator's console password and authenticator — 二要素認証のリセット",
    description: 'Clears the password and the TOTP secret, ends the sessions and answers a new set-up link.',
  })
  @ApiProblems(
    Problems.OPS_ROLE,
    Problems.OPERATOR_NOT_FOUND,
    Problems.OPERATOR_REVOKED,
    ...ProblemGroups.write,
  )
  @Post('operators/:id/reset-second-factor')
  @ApiOkResponse({ type: SetupLinkDto })
  @HttpCode(200)
  resetSecondFactor(@CurrentOperator() op: OperatorContext, @Param('id') id: string): Promise<SetupLinkDto> {
    return this.operators.resetSecondFactor(op, id);
  }
}
