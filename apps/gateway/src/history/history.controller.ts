import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentOffice } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { HistoryClient, HistoryPage } from './history.client';
import { ListInboxQuery } from '../inbox/dto/inbox.dto';

/** The office's exchange history, shared by all its keys (PCs, programs); kept by the archive. */
@ApiTags('history')
@ApiSecurity('apiKey')
@UseGuards(ApiKeyGuard)
@Controller('v1/history')
export class HistoryController {
  constructor(@Inject(HistoryClient) private readonly history: HistoryClient) {}

  @Get()
  @ApiOkResponse({ description: 'history records of the calling office, newest first' })
  list(@CurrentOffice() office: AuthenticatedOffice, @Query() query: ListInboxQuery): Promise<HistoryPage> {
    return this.history.list(office.officeNumber, query.cursor, query.limit);
  }
}
