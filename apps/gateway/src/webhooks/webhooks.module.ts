import { Module } from '@nestjs/common';
import { OfficesModule } from '../offices/offices.module';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** The office's webhook endpoint and its signing secret; the router makes the deliveries. */
@Module({
  imports: [OfficesModule],
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhooksService],
})
export class WebhooksModule {}
