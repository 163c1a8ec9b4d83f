import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BINARY, ProblemGroups, Problems } from '@careplan/contracts';
import { ApiProblems } from '@careplan/platform';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import { OperatorContext, requiredPrefecture } from '../operators/operator-scope';
import { BillingService } from './billing.service';
import { AnnualQuery, AnnualSummaryDto, StatementDto, StatementQuery } from './dto/billing.dto';
import { encodeCsv, statementCsv } from './statement';

/** Billing statements, within the operator's prefecture. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(StatementDto)
@UseGuards(OperatorGuard)
@ApiProblems(
  ...ProblemGroups.operatorToken,
  ...ProblemGroups.any,
  ...ProblemGroups.input,
  Problems.OPS_SCOPE,
  Problems.PREFECTURE_REQUIRED,
)
@Controller('ops/v1')
export class OpsBillingController {
  constructor(private readonly billing: BillingService) {}

  @ApiOperation({ summary: "A month's billing statement — 月次請求明細" })
  @Get('billing/statements')
  @ApiOkResponse({
    description: 'the statement as JSON, or as CSV (format=csv; UTF-8 with BOM or MS932)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(StatementDto) } },
      'text/csv': { schema: BINARY },
    },
  })
  @ApiProduces('application/json', 'text/csv')
  async statement(
    @CurrentOperator() op: OperatorContext,
    @Query() q: StatementQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StatementDto | Buffer> {
    const s = await this.billing.statement(requiredPrefecture(op, q.prefecture), q.month);
    if (q.format !== 'csv') return s;
    const encoding = q.encoding ?? 'utf8';
    void reply
      .header('content-type', `text/csv; charset=${encoding === 'ms932' ? 'Shift_JIS' : 'utf-8'}`)
      .header('content-disposition', `attachment; filename="statement_${s.prefecture}_${s.month}.csv"`)
      .header('x-content-sha256', s.contentHash);
    return encodeCsv(statementCsv(s), encoding);
  }

  @ApiOperation({ summary: 'The annual billing summary — 年間請求集計' })
  @Get('billing/annual')
  @ApiOkResponse({ type: AnnualSummaryDto })
  annual(@CurrentOperator() op: OperatorContext, @Query() q: AnnualQuery): Promise<AnnualSummaryDto> {
    return this.billing.annual(requiredPrefecture(op, q.prefecture), q.fiscalYear);
  }
}
