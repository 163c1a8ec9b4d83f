import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@careplan/platform';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { CurrentOffice, VendorAuth } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { RequireRole } from '../offices/require-role';
import { ConfiguredWebhookDto, PutWebhookBody, WebhookDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhook')
@VendorAuth()
@ApiProblems(...ProblemGroups.vendorKey, ...ProblemGroups.any)
@Controller('v1/webhook')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @ApiOperation({ summary: 'Set the webhook endpoint (issues a new signing secret) — Webhookの設定' })
  @ApiProblems(
    ...ProblemGroups.jsonBody,
    Problems.WEBHOOK_URL_INVALID,
    Problems.WEBHOOK_URL_PRIVATE,
    Problems.OFFICE_INACTIVE,
    ...ProblemGroups.write,
  )
  @Put()
  @RequireRole('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ConfiguredWebhookDto, description: 'the secret is shown only here' })
  configure(
    @CurrentOffice() office: AuthenticatedOffice,
    @Body() body: PutWebhookBody,
  ): Promise<ConfiguredWebhookDto> {
    return this.webhooks.configure(office, body.url);
  }

  @ApiOperation({ summary: "The office's webhook endpoint — Webhookの確認" })
  @ApiProblems(Problems.WEBHOOK_NOT_CONFIGURED)
  @Get()
  @ApiOkResponse({ type: WebhookDto })
  get(@CurrentOffice() office: AuthenticatedOffice): Promise<WebhookDto> {
    return this.webhooks.get(office);
  }

  @ApiOperation({ summary: 'Remove the webhook endpoint — Webhookの削除' })
  @ApiProblems(...ProblemGroups.write)
  @Delete()
  @RequireRole('admin')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentOffice() office: AuthenticatedOffice): Promise<void> {
    return this.webhooks.remove(office);
  }
}
