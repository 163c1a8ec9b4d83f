import { forwardRef, Module } from '@nestjs/common';
import { DeadLettersModule } from '../dead-letters/dead-letters.module';
import { RedisReadiness } from './redis.readiness';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookEventsConsumer } from './webhook-events.consumer';
import { WebhookNotifierService } from './webhook-notifier.service';
import { WebhookPushesService } from './webhook-pushes.service';
import { WebhookQueue } from './webhook.queue';
import { WebhookWorker } from './webhook.worker';

/**
 * Offices' webhook endpoints and the pushes to them: events become jobs on the BullMQ queue, the
 * worker sends them. Final failures go to dead letters, whose replays come back through the queue —
 * hence the forwardRef on both sides.
 */
@Module({
  imports: [forwardRef(() => DeadLettersModule)],
  providers: [
    RedisReadiness,
    WebhookEndpointsService,
    WebhookQueue,
    WebhookNotifierService,
    WebhookPushesService,
    WebhookDeliveryProcessor,
    WebhookWorker,
    WebhookEventsConsumer,
  ],
  exports: [WebhookQueue],
})
export class WebhooksModule {}
