import { Body, Controller, Get, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@careplan/platform';
import { CurrentOffice, VendorAuth } from '../offices/api-key.guard';
import { RequireRole } from '../offices/require-role';
import type { AuthenticatedOffice } from '../offices/offices.service';
import {
  DirectoryEntryDto,
  DirectoryPageDto,
  DirectoryQuery,
  ListingDto,
  OfficeNumberPipe,
  ProblemGroups,
  Problems,
  SetListingBody,
} from '@careplan/contracts';
import { DirectoryClient } from './directory.client';

/** Which offices can receive through the exchange, so software can tell its user before sending. */
@ApiTags('directory')
@VendorAuth()
@ApiProblems(...ProblemGroups.vendorKey, ...ProblemGroups.any, Problems.DIRECTORY_UNAVAILABLE)
@Controller('v1/directory')
export class DirectoryController {
  constructor(@Inject(DirectoryClient) private readonly directory: DirectoryClient) {}

  @ApiOperation({ summary: 'Search the directory of connected offices — 事業所ディレクトリの検索' })
  @ApiProblems(...ProblemGroups.page)
  @Get('offices')
  @ApiOkResponse({
    type: DirectoryPageDto,
    description: 'connected offices that are listed, in office-number order',
  })
  search(@Query() query: DirectoryQuery): Promise<DirectoryPageDto> {
    return this.directory.search(query);
  }

  @ApiOperation({ summary: "One office's directory entry — 事業所ディレクトリの詳細" })
  @ApiProblems(Problems.OFFICE_NUMBER_INVALID, Problems.DIRECTORY_OFFICE_NOT_FOUND)
  @Get('offices/:number')
  @ApiOkResponse({
    type: DirectoryEntryDto,
    description: 'the office, when it can receive (404 DIRECTORY_OFFICE_NOT_FOUND otherwise)',
  })
  get(@Param('number', OfficeNumberPipe) officeNumber: string): Promise<DirectoryEntryDto> {
    return this.directory.get(officeNumber);
  }

  @ApiOperation({ summary: "List or unlist the caller's office in the directory — ディレクトリ掲載の設定" })
  @ApiProblems(...ProblemGroups.jsonBody, ...ProblemGroups.write)
  @Put('me')
  @RequireRole('admin')
  @ApiOkResponse({
    type: ListingDto,
    description: "the calling office's choice to appear in the searchable list",
  })
  setListed(@CurrentOffice() office: AuthenticatedOffice, @Body() body: SetListingBody): Promise<ListingDto> {
    return this.directory.setListed(office.officeNumber, body.listed);
  }
}
