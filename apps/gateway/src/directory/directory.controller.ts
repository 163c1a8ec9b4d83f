import { Body, Controller, Get, Inject, Param, Put, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentOffice } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { OfficeNumberParamPipe } from './office-number-param.pipe';
import {
  DirectoryEntryDto,
  DirectoryPageDto,
  DirectoryQuery,
  ListingDto,
  SetListingBody,
} from '@careplan/contracts';
import { DirectoryClient } from './directory.client';

/** Which offices can receive through the exchange, so software can tell its user before sending. */
@ApiTags('directory')
@ApiSecurity('apiKey')
@UseGuards(ApiKeyGuard)
@Controller('v1/directory')
export class DirectoryController {
  constructor(@Inject(DirectoryClient) private readonly directory: DirectoryClient) {}

  @Get('offices')
  @ApiOkResponse({
    type: DirectoryPageDto,
    description: 'connected offices that are listed, in office-number order',
  })
  search(@Query() query: DirectoryQuery): Promise<DirectoryPageDto> {
    return this.directory.search(query);
  }

  @Get('offices/:number')
  @ApiOkResponse({
    type: DirectoryEntryDto,
    description: 'the office, when it can receive (404 DIRECTORY_OFFICE_NOT_FOUND otherwise)',
  })
  get(@Param('number', OfficeNumberParamPipe) officeNumber: string): Promise<DirectoryEntryDto> {
    return this.directory.get(officeNumber);
  }

  @Put('me')
  @ApiOkResponse({
    type: ListingDto,
    description: "the calling office's choice to appear in the searchable list",
  })
  setListed(@CurrentOffice() office: AuthenticatedOffice, @Body() body: SetListingBody): Promise<ListingDto> {
    return this.directory.setListed(office.officeNumber, body.listed);
  }
}
