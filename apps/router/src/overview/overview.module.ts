import { Module } from '@nestjs/common';
import { OfficeWebhookController } from './office-webhook.controller';
import { OfficeWebhookRepository } from './office-webhook.repository';
import { OfficeWebhookService } from './office-webhook.service';
import { OverviewController } from './overview.controller';
import { OverviewRepository } from './overview.repository';
import { OverviewService } from './overview.service';

/**
 * What the operations console reads of the router: counts for the overview (webhook dead letters, deliveries
 * by channel), and one office's webhook status.
 */
@Module({
  controllers: [OverviewController, OfficeWebhookController],
  providers: [OverviewRepository, OverviewService, OfficeWebhookRepository, OfficeWebhookService],
})
export class OverviewModule {}
