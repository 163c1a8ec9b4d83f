import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemGroups } from '@careplan/contracts';
import { ApiProblems } from '@careplan/platform';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import type { OperatorContext } from '../operators/operator-scope';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQuery } from './dto/audit.dto';

/** The audit log of operators' changes, within the operator's prefecture. */
@ApiTags('administration')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@ApiProblems(...ProblemGroups.operatorToken, ...ProblemGroups.any)
@Controller('ops/v1')
export class OpsAuditController {
  constructor(private readonly audit: AuditService) {}

  @ApiOperation({
    summary: "The audit log within the operator's scope, filtered — 監査ログ",
    description:
      'Newest first. Filters combine; a prefecture operator sees only entries about its prefecture (null-prefecture entries, such as operator changes, are for central administrators).',
  })
  @ApiProblems(...ProblemGroups.page)
  @Get('audit')
  @ApiOkResponse({ type: AuditPageDto })
  auditLog(@CurrentOperator() op: OperatorContext, @Query() q: AuditQuery): Promise<AuditPageDto> {
    return this.audit.list(op, q);
  }
}
