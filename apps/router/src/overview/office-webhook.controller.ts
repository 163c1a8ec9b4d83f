import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { OfficeNumberPipe, OfficeWebhookStatusDto } from '@careplan/contracts';
import { InternalTokenGuard } from '@careplan/platform';
import { OfficeWebhookService } from './office-webhook.service';

/** One office's webhook, for the archive's GET /ops/v1/offices/:no/activity (which checks the operator's scope). */
@UseGuards(InternalTokenGuard)
@Controller('internal/v1/offices/:officeNumber/webhook')
export class OfficeWebhookController {
  constructor(private readonly webhooks: OfficeWebhookService) {}

  @Get()
  status(@Param('officeNumber', OfficeNumberPipe) officeNumber: string): Promise<OfficeWebhookStatusDto> {
    return this.webhooks.status(officeNumber);
  }
}
