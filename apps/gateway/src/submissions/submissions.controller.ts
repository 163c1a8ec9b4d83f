import {
  Controller,
  Get,
  HttpStatus,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '@careplan/platform';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { CurrentOffice, VendorAuth } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { SUBMISSION_BODY } from './dto/bundle-upload.body';
import { ListSubmissionsQuery } from './dto/list-submissions.query';
import { SubmissionDto, SubmissionPageDto } from './dto/submission.dto';
import { readBundle, UploadLimits } from './multipart';
import { isJsonRequest, readJsonBundle } from './json-request';
import { BundleProblems, JsonBundleProblems, SendProblems } from './submission.errors';
import { SubmissionsService } from './submissions.service';
import { UPLOAD_LIMITS } from './upload-limits';

@ApiTags('submissions')
@VendorAuth()
@ApiProblems(...ProblemGroups.vendorKey, ...ProblemGroups.any)
@Controller('v1/submissions')
export class SubmissionsController {
  constructor(
    private readonly submissions: SubmissionsService,
    @Inject(UPLOAD_LIMITS) private readonly limits: UploadLimits,
  ) {}

  @ApiOperation({ summary: 'Send a bundle (CSV files and attachments) to an office — バンドルの送信' })
  @ApiProblems(...BundleProblems, ...JsonBundleProblems, ...SendProblems, ...ProblemGroups.write)
  @Post()
  // The application/json body is JsonBundleBody: gatewayOpenApi sets it (one @ApiBody serves every type).
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: SUBMISSION_BODY })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'same key + same content returns the original submission',
  })
  @ApiAcceptedResponse({
    type: SubmissionDto,
    description: 'accepted; follow statusUrl for validation and delivery',
  })
  @ApiOkResponse({
    type: SubmissionDto,
    description:
      'the same Idempotency-Key and content again: the original submission (idempotent-replayed: true)',
  })
  async create(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentOffice() office: AuthenticatedOffice,
  ): Promise<SubmissionDto> {
    // Read from the request, not @Headers(): that would document a second, required, lower-case header.
    const idempotencyKey = headerOf(req, 'idempotency-key');
    const bundle = isJsonRequest(req)
      ? await readJsonBundle(
          req,
          this.limits,
          office.officeNumber,
          await this.submissions.serialFor(office, idempotencyKey),
        )
      : await readBundle(req, this.limits);
    const { submission, replayed } = await this.submissions.accept(office, bundle, idempotencyKey);
    void reply
      .status(replayed ? HttpStatus.OK : HttpStatus.ACCEPTED)
      .header('location', submission.statusUrl);
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return submission;
  }

  @ApiOperation({ summary: "List the office's sent submissions — 送信一覧" })
  @ApiProblems(...ProblemGroups.page)
  @Get()
  @ApiOkResponse({
    type: SubmissionPageDto,
    description: "the calling office's own submissions, newest first",
  })
  list(
    @CurrentOffice() office: AuthenticatedOffice,
    @Query() query: ListSubmissionsQuery,
  ): Promise<SubmissionPageDto> {
    return this.submissions.listForSender(office, query);
  }

  @ApiOperation({ summary: "A submission's status and validation report — 送信の状態と検証結果" })
  @ApiProblems(...ProblemGroups.input, Problems.SUBMISSION_NOT_FOUND)
  @Get(':id')
  @ApiOkResponse({ type: SubmissionDto })
  get(
    @CurrentOffice() office: AuthenticatedOffice,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<SubmissionDto> {
    return this.submissions.getForSender(office, id);
  }
}

function headerOf(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
