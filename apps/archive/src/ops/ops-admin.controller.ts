import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  DeadLetterPageDto,
  DeadLetterQuery,
  PageQuery,
  ReplayDeadLettersBody,
  ReplayResultDto,
} from '@careplan/contracts';
import type { Page } from '@careplan/platform';
import { AuditEntryDto, AuditService } from '../audit/audit.service';
import { CreatedOperatorDto, CreateOperatorDto, OperatorDto } from '../operators/dto/operator.dto';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import type { OperatorContext } from '../operators/operator-scope';
import { OperatorsService } from '../operators/operators.service';
import { DeadLettersService } from './dead-letters.service';

/** Operator accounts, the audit log, and dead letters with replay. */
@ApiTags('administration')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@Controller('ops/v1')
export class OpsAdminController {
  constructor(
    private readonly operators: OperatorsService,
    private readonly audit: AuditService,
    private readonly deadLetters: DeadLettersService,
  ) {}

  @Get('me')
  me(@CurrentOperator() op: OperatorContext): OperatorContext {
    return op;
  }

  @Post('operators')
  createOperator(
    @CurrentOperator() op: OperatorContext,
    @Body() dto: CreateOperatorDto,
  ): Promise<CreatedOperatorDto> {
    return this.operators.create(op, dto);
  }

  @Get('operators')
  listOperators(@CurrentOperator() op: OperatorContext): Promise<OperatorDto[]> {
    return this.operators.list(op);
  }

  /** Central only: the operator's token answers 401 OPS_TOKEN_REVOKED from the next request on. */
  @Post('operators/:id/revoke')
  @HttpCode(200)
  revokeOperator(@CurrentOperator() op: OperatorContext, @Param('id') id: string): Promise<OperatorDto> {
    return this.operators.revoke(op, id);
  }

  @Get('audit')
  auditLog(@CurrentOperator() op: OperatorContext, @Query() q: PageQuery): Promise<Page<AuditEntryDto>> {
    return this.audit.list(op, q);
  }

  @Get('dead-letters')
  listDeadLetters(
    @CurrentOperator() op: OperatorContext,
    @Query() q: DeadLetterQuery,
  ): Promise<DeadLetterPageDto> {
    return this.deadLetters.list(op, q);
  }

  @Post('dead-letters/replay')
  @HttpCode(200)
  replay(
    @CurrentOperator() op: OperatorContext,
    @Body() dto: ReplayDeadLettersBody,
  ): Promise<ReplayResultDto> {
    return this.deadLetters.replay(op, dto);
  }
}
