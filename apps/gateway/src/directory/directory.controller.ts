import { Body, Controller, Get, Inject, Param, Put, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentOffice } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { OfficeNumberParamPipe } from './office-number-param.pipe';
import { DirectoryClient, DirectoryEntry, DirectoryPage } from './directory.client';
import { DirectoryQuery, ListingDto } from './directory.dto';

/** Which offices can receive through the exchange, so software can tell its user before sending. */
@ApiTags('directory')
@ApiSecurity('apiKey')
@UseGuards(ApiKeyGuard)
@Controller('v1/directory')
export class DirectoryController {
  constructor(@Inject(DirectoryClient) private readonly directory: DirectoryClient) {}

  @Get('offices')
  @ApiOkResponse({ description: 'connected offices that are listed, in office-number order' })
  search(@Query() query: DirectoryQuery): Promise<DirectoryPage> {
    return this.directory.search(query);
  }

  @Get('offices/:number')
  @ApiOkResponse({
    description: 'the office, when it can receive (404 DIRECTORY_OFFICE_NOT_FOUND otherwise)',
  })
  get(@Param('number', OfficeNumberParamPipe) officeNumber: string): Promise<DirectoryEntry> {
    return this.directory.get(officeNumber);
  }

  @Put('me')
  @ApiOkResponse({ description: "the calling office's choice to appear in the searchable list" })
  setListed(
    @CurrentOffice() office: AuthenticatedOffice,
    @Body() body: ListingDto,
  ): Promise<{ officeNumber: string; listed: boolean }> {
    return this.directory.setListed(office.officeNumber, body.listed);
  }
}
