import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationReportPayload } from '@careplan/contracts';
import type { FastifyRequest } from 'fastify';
import { serialAt, type ValidationReport } from '@careplan/spec';
import { ApiProblems } from '@careplan/platform';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { CurrentOffice, VendorAuth } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { VALIDATE_BODY } from '../submissions/dto/bundle-upload.body';
import { isJsonRequest, readJsonBundle } from '../submissions/json-request';
import { BundleProblems, JsonBundleProblems } from '../submissions/submission.errors';
import { readBundle, UploadLimits } from '../submissions/multipart';
import { UPLOAD_LIMITS } from '../submissions/upload-limits';
import { ValidateService } from './validate.service';

@ApiTags('validation')
@VendorAuth()
@ApiProblems(...ProblemGroups.vendorKey, ...ProblemGroups.any)
@Controller('v1/validate')
export class ValidateController {
  constructor(
    private readonly validate: ValidateService,
    @Inject(UPLOAD_LIMITS) private readonly limits: UploadLimits,
  ) {}

  @ApiOperation({ summary: 'Validate files against the standard without sending — 送信せずに検証' })
  @ApiProblems(...BundleProblems, ...JsonBundleProblems, Problems.FILES_MISSING, Problems.SERVICE_BUSY)
  @Post()
  @HttpCode(200)
  // The application/json body is JsonBundleBody: gatewayOpenApi sets it (one @ApiBody serves every type).
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: VALIDATE_BODY })
  @ApiOkResponse({
    type: ValidationReportPayload,
    description: 'the validation report, as GET /v1/submissions/:id shows it; nothing is stored or sent',
  })
  async check(
    @Req() req: FastifyRequest,
    @CurrentOffice() office: AuthenticatedOffice,
  ): Promise<ValidationReport> {
    const bundle = isJsonRequest(req)
      ? await readJsonBundle(req, this.limits, office.officeNumber, serialAt(new Date()))
      : await readBundle(req, this.limits);
    return this.validate.check(office, bundle);
  }
}
