import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '@careplan/platform';
import { CurrentOffice, VendorAuth } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import {
  BINARY,
  ExportHistoryQuery,
  HistoryPageDto,
  ListHistoryQuery,
  ProblemGroups,
  Problems,
} from '@careplan/contracts';
import { HistoryClient } from './history.client';

/** The office's exchange history, shared by all its keys (PCs, programs); kept by the archive. */
@ApiTags('history')
@VendorAuth()
@ApiProblems(
  ...ProblemGroups.vendorKey,
  ...ProblemGroups.any,
  Problems.HISTORY_UNAVAILABLE,
  Problems.HISTORY_FILTER_INVALID,
)
@Controller('v1')
export class HistoryController {
  constructor(@Inject(HistoryClient) private readonly history: HistoryClient) {}

  @ApiOperation({ summary: "The office's history of exchanges — 送受信履歴" })
  @ApiProblems(...ProblemGroups.page)
  @Get('history')
  @ApiOkResponse({
    type: HistoryPageDto,
    description: 'history records of the calling office, newest first, filtered',
  })
  list(
    @CurrentOffice() office: AuthenticatedOffice,
    @Query() query: ListHistoryQuery,
  ): Promise<HistoryPageDto> {
    return this.history.list(office.officeNumber, query);
  }

  @ApiOperation({ summary: 'The history as CSV (UTF-8 or MS932) — 履歴のCSV出力' })
  @ApiProblems(
    ...ProblemGroups.input,
    Problems.HISTORY_EXPORT_ENCODING_INVALID,
    Problems.HISTORY_EXPORT_TOO_LARGE,
  )
  @Get('history.csv')
  @ApiOkResponse({
    description: 'the filtered history as CSV (Japanese headers), UTF-8 with BOM or MS932',
    content: { 'text/csv': { schema: BINARY } },
  })
  async export(
    @CurrentOffice() office: AuthenticatedOffice,
    @Query() query: ExportHistoryQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const csv = await this.history.exportCsv(office.officeNumber, query);
    await reply
      .header('content-type', csv.contentType)
      .header('content-disposition', csv.contentDisposition)
      .send(csv.bytes);
  }
}
