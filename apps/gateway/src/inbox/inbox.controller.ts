import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BINARY } from '@careplan/contracts';
import type { FastifyReply } from 'fastify';
import { FILE_MEDIA_TYPES } from '../files/file-types';
import { ApiProblems } from '@careplan/platform';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { CurrentOffice, VendorAuth } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { FileRecordsDto, InboxEntryDto, InboxFilterQuery, InboxPageDto } from './dto/inbox.dto';
import { DownloadedFile, InboxService } from './inbox.service';

@ApiTags('inbox')
@VendorAuth()
@ApiProblems(...ProblemGroups.vendorKey, ...ProblemGroups.any)
@Controller('v1/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @ApiOperation({ summary: "List the office's received deliveries — 受信一覧" })
  @ApiProblems(...ProblemGroups.page)
  @Get()
  @ApiOkResponse({ type: InboxPageDto })
  list(
    @CurrentOffice() office: AuthenticatedOffice,
    @Query() query: InboxFilterQuery,
  ): Promise<InboxPageDto> {
    return this.inbox.list(office, query);
  }

  @ApiOperation({ summary: 'One received delivery with its files — 受信の詳細' })
  @ApiProblems(...ProblemGroups.input, Problems.DELIVERY_NOT_FOUND)
  @Get(':id')
  @ApiOkResponse({ type: InboxEntryDto })
  get(
    @CurrentOffice() office: AuthenticatedOffice,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<InboxEntryDto> {
    return this.inbox.get(office, id);
  }

  @ApiOperation({ summary: "Download one file's bytes as sent — ファイルのダウンロード" })
  @ApiProblems(...ProblemGroups.input, Problems.DELIVERY_NOT_FOUND, Problems.FILE_NOT_FOUND)
  @Get(':id/files/:fileId')
  @ApiOkResponse({
    description:
      "the file's bytes as sent, with its media type (text/csv, charset Shift_JIS or utf-8, for CSV files); " +
      'X-Content-SHA256 and Digest carry its SHA-256',
    content: Object.fromEntries(FILE_MEDIA_TYPES.map((t) => [t, { schema: BINARY }])),
  })
  async download(
    @CurrentOffice() office: AuthenticatedOffice,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('fileId', new ParseUUIDPipe()) fileId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendFile(reply, await this.inbox.download(office, id, fileId));
  }

  @ApiOperation({ summary: "A standard CSV file's records as JSON — ファイルのレコード（JSON）" })
  @ApiProblems(
    ...ProblemGroups.input,
    Problems.DELIVERY_NOT_FOUND,
    Problems.FILE_NOT_FOUND,
    Problems.FILE_NOT_STANDARD_CSV,
    Problems.RECORDS_UNREADABLE,
  )
  @Get(':id/files/:fileId/records')
  @ApiOkResponse({
    type: FileRecordsDto,
    description: 'a standard CSV file as records (422 for attachments)',
  })
  async records(
    @CurrentOffice() office: AuthenticatedOffice,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('fileId', new ParseUUIDPipe()) fileId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const json = await this.inbox.records(office, id, fileId);
    await reply.header('content-type', 'application/json; charset=utf-8').send(json);
  }

  @ApiOperation({ summary: 'Download the whole delivery as a ZIP — 一括ダウンロード（ZIP）' })
  @ApiProblems(...ProblemGroups.input, Problems.DELIVERY_NOT_FOUND)
  @Get(':id/zip')
  @ApiOkResponse({
    description: 'every file of the delivery in one ZIP (UTF-8 file names)',
    content: { 'application/zip': { schema: BINARY } },
  })
  async zip(
    @CurrentOffice() office: AuthenticatedOffice,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendFile(reply, await this.inbox.zip(office, id));
  }

  @ApiOperation({ summary: 'Acknowledge a delivery (taken in) — 受信確認' })
  @ApiProblems(...ProblemGroups.input, Problems.DELIVERY_NOT_FOUND, ...ProblemGroups.write)
  @Post(':id/ack')
  @HttpCode(200)
  @ApiOkResponse({ type: InboxEntryDto })
  ack(
    @CurrentOffice() office: AuthenticatedOffice,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<InboxEntryDto> {
    return this.inbox.acknowledge(office, id);
  }
}

async function sendFile(reply: FastifyReply, file: DownloadedFile): Promise<void> {
  await reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('x-content-sha256', file.sha256)
    .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
    .send(file.bytes);
}
