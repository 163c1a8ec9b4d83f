import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DeliveryAcknowledgedEvent,
  DeliveryDeliveredEvent,
  DeliveryDownloadedEvent,
  SubmissionRejectedEvent,
  SubmissionValidatedEvent,
  WebhookConfiguredEvent,
} from '@careplan/contracts';
import { EventConsumer, KafkaService } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { ROUTER_SCHEMA } from '../database/schema';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import {
  deliveredNotification,
  receiptNotification,
  rejectedNotification,
  validatedNotification,
} from './webhook-notifications';
import { WebhookNotifierService } from './webhook-notifier.service';

const REDIS_OUTAGE_ATTEMPTS = 60;

/**
 * Webhook side of the router, in a consumer group of its own: a slow or broken webhook never holds
 * back delivery into inboxes (DeliveriesConsumer).
 */
@Injectable()
export class WebhookEventsConsumer extends EventConsumer {
  constructor(
    kafka: KafkaService,
    @InjectDataSource() dataSource: DataSource,
    metrics: MetricsService,
    endpoints: WebhookEndpointsService,
    notifier: WebhookNotifierService,
  ) {
    super(kafka, dataSource, metrics, {
      name: 'router-webhooks',
      schema: ROUTER_SCHEMA,
      // About five minutes of retries (delays cap at 5 s): a Redis outage holds pushes back instead of
      // sending them to the .dlq topic; only this group waits, inboxes do not.
      maxAttempts: REDIS_OUTAGE_ATTEMPTS,
      handlers: [
        { event: WebhookConfiguredEvent, handle: (e: WebhookConfiguredEvent, m) => endpoints.apply(e, m) },
        {
          event: SubmissionValidatedEvent,
          handle: (e: SubmissionValidatedEvent, m) => notifier.notify(validatedNotification(e), m),
        },
        {
          event: SubmissionRejectedEvent,
          handle: (e: SubmissionRejectedEvent, m) => notifier.notify(rejectedNotification(e), m),
        },
        {
          event: DeliveryDeliveredEvent,
          handle: (e: DeliveryDeliveredEvent, m) => notifier.notify(deliveredNotification(e), m),
        },
        {
          event: DeliveryDownloadedEvent,
          handle: (e: DeliveryDownloadedEvent, m) =>
            notifier.notify(receiptNotification(e, 'delivery.downloaded'), m),
        },
        {
          event: DeliveryAcknowledgedEvent,
          handle: (e: DeliveryAcknowledgedEvent, m) =>
            notifier.notify(receiptNotification(e, 'delivery.acknowledged'), m),
        },
      ],
    });
  }
}
