import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HistoryPageDto, ListHistoryQuery } from './dto/history.dto';
import { HistoryService } from './history.service';
import { InternalTokenGuard } from './internal-token.guard';
import { OfficeNumberPipe } from './office-number.pipe';

/** History of one office, for the gateway (which authenticates the office) and operations tooling. */
@ApiExcludeController()
@UseGuards(InternalTokenGuard)
@Controller('internal/v1/offices/:officeNumber/history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get()
  list(
    @Param('officeNumber', OfficeNumberPipe) officeNumber: string,
    @Query() query: ListHistoryQuery,
  ): Promise<HistoryPageDto> {
    return this.history.list(officeNumber, query.cursor, query.limit);
  }
}
