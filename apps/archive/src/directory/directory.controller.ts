import { Body, Controller, Get, Param, Put, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController, ApiOperation } from '@nestjs/swagger';
import {
  DirectoryEntryDto,
  DirectoryPageDto,
  DirectoryQuery,
  ListingDto,
  OfficeNumberPipe,
  SetListingBody,
} from '@careplan/contracts';
import { InternalTokenGuard } from '@careplan/platform';
import { DirectoryService } from './directory.service';

/** The directory of connected offices, for the gateway (which authenticates the vendor's office). */
@ApiExcludeController()
@UseGuards(InternalTokenGuard)
@Controller('internal/v1/directory/offices')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  list(@Query() query: DirectoryQuery): Promise<DirectoryPageDto> {
    return this.directory.list(query);
  }

  @ApiOperation({ summary: "One office's directory entry — 事業所ディレクトリの詳細" })
  @Get(':officeNumber')
  get(@Param('officeNumber', OfficeNumberPipe) officeNumber: string): Promise<DirectoryEntryDto> {
    return this.directory.get(officeNumber);
  }

  @ApiOperation({ summary: "List or unlist the caller's office in the directory — ディレクトリ掲載の設定" })
  @Put(':officeNumber/listing')
  setListed(
    @Param('officeNumber', OfficeNumberPipe) officeNumber: string,
    @Body() body: SetListingBody,
  ): Promise<ListingDto> {
    return this.directory.setListed(officeNumber, body.listed);
  }
}
