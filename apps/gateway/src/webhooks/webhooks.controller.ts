import { Body, Controller, Delete, Get, HttpCode, Put, UseGuards } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiKeyGuard, CurrentOffice } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { ConfiguredWebhookDto, PutWebhookBody, WebhookDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhook')
@ApiSecurity('apiKey')
@UseGuards(ApiKeyGuard)
@Controller('v1/webhook')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @ApiOperation({ summary: 'Set the webhook endpoint (issues a new signing secret) — Webhookの設定' })
  @Put()
  @HttpCode(200)
  @ApiOkResponse({ type: ConfiguredWebhookDto, description: 'the secret is shown only here' })
  @ApiUnprocessableEntityResponse({
    description:
      'WEBHOOK_URL_INVALID: not an http(s) URL; WEBHOOK_URL_PRIVATE: a loopback, private or link-local host',
  })
  @ApiConflictResponse({ description: 'OFFICE_INACTIVE: the office has been deactivated' })
  configure(
    @CurrentOffice() office: AuthenticatedOffice,
    @Body() body: PutWebhookBody,
  ): Promise<ConfiguredWebhookDto> {
    return this.webhooks.configure(office, body.url);
  }

  @ApiOperation({ summary: "The office's webhook endpoint — Webhookの確認" })
  @Get()
  @ApiOkResponse({ type: WebhookDto })
  @ApiNotFoundResponse({ description: 'WEBHOOK_NOT_CONFIGURED' })
  get(@CurrentOffice() office: AuthenticatedOffice): Promise<WebhookDto> {
    return this.webhooks.get(office);
  }

  @ApiOperation({ summary: 'Remove the webhook endpoint — Webhookの削除' })
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentOffice() office: AuthenticatedOffice): Promise<void> {
    return this.webhooks.remove(office);
  }
}
