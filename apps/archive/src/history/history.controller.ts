import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ExportHistoryQuery, HistoryPageDto, ListHistoryQuery, OfficeNumberPipe } from '@careplan/contracts';
import { HistoryService } from './history.service';
import { InternalTokenGuard } from '@careplan/platform';

/** History of one office, for the gateway (which authenticates the office) and operations tooling. */
@ApiExcludeController()
@UseGuards(InternalTokenGuard)
@Controller('internal/v1/offices/:officeNumber')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @ApiOperation({ summary: "The office's history of exchanges — 送受信履歴" })
  @Get('history')
  list(
    @Param('officeNumber', OfficeNumberPipe) officeNumber: string,
    @Query() query: ListHistoryQuery,
  ): Promise<HistoryPageDto> {
    return this.history.list(officeNumber, query);
  }

  @ApiOperation({ summary: 'The history as CSV (UTF-8 or MS932) — 履歴のCSV出力' })
  @Get('history.csv')
  async export(
    @Param('officeNumber', OfficeNumberPipe) officeNumber: string,
    @Query() query: ExportHistoryQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const csv = await this.history.export(officeNumber, query);
    await reply
      .header('content-type', csv.contentType)
      .header('content-disposition', `attachment; filename="${csv.filename}"`)
      .send(csv.bytes);
  }
}
