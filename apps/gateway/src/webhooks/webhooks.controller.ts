import { Body, Controller, Delete, Get, HttpCode, Put, UseGuards } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
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

  @Get()
  @ApiOkResponse({ type: WebhookDto })
  @ApiNotFoundResponse({ description: 'WEBHOOK_NOT_CONFIGURED' })
  get(@CurrentOffice() office: AuthenticatedOffice): Promise<WebhookDto> {
    return this.webhooks.get(office);
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentOffice() office: AuthenticatedOffice): Promise<void> {
    return this.webhooks.remove(office);
  }
}
