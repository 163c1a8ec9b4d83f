import { Module } from '@nestjs/common';
import { DeadLettersModule } from '../dead-letters/dead-letters.module';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookEventsConsumer } from './webhook-events.consumer';
import { WebhookNotifierService } from './webhook-notifier.service';
import { WebhookPushesRepository } from './webhook-pushes.repository';
import { WebhookQueueModule } from './webhook-queue.module';
import { WebhookWorker } from './webhook.worker';

/**
 * Offices' webhook endpoints and the pushes to them: events become jobs on the BullMQ queue, the
 * worker sends them; final failures go to dead letters.
 */
@Module({
  imports: [WebhookQueueModule, DeadLettersModule],
  providers: [
    WebhookEndpointsRepository,
    WebhookEndpointsService,
    WebhookNotifierService,
    WebhookPushesRepository,
    WebhookDeliveryProcessor,
    WebhookWorker,
    WebhookEventsConsumer,
  ],
})
export class WebhooksModule {}
