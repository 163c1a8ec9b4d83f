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
      // A lifecycle event none of whose offices has a webhook (most of them) costs one read a batch, no transaction.
      handlers: [
        { event: WebhookConfiguredEvent, handle: (e: WebhookConfiguredEvent, m) => endpoints.apply(e, m) },
        {
          event: SubmissionValidatedEvent,
          handle: (e: SubmissionValidatedEvent, m) => notifier.notify(validatedNotification(e), m),
          idle: (es: SubmissionValidatedEvent[]) => notifier.idle(es.map((e) => validatedNotification(e))),
        },
        {
          event: SubmissionRejectedEvent,
          handle: (e: SubmissionRejectedEvent, m) => notifier.notify(rejectedNotification(e), m),
          idle: (es: SubmissionRejectedEvent[]) => notifier.idle(es.map((e) => rejectedNotification(e))),
        },
        {
          event: DeliveryDeliveredEvent,
          handle: (e: DeliveryDeliveredEvent, m) => notifier.notify(deliveredNotification(e), m),
          idle: (es: DeliveryDeliveredEvent[]) => notifier.idle(es.map((e) => deliveredNotification(e))),
        },
        {
          event: DeliveryDownloadedEvent,
          handle: (e: DeliveryDownloadedEvent, m) =>
            notifier.notify(receiptNotification(e, 'delivery.downloaded'), m),
          idle: (es: DeliveryDownloadedEvent[]) =>
            notifier.idle(es.map((e) => receiptNotification(e, 'delivery.downloaded'))),
        },
        {
          event: DeliveryAcknowledgedEvent,
          handle: (e: DeliveryAcknowledgedEvent, m) =>
            notifier.notify(receiptNotification(e, 'delivery.acknowledged'), m),
          idle: (es: DeliveryAcknowledgedEvent[]) =>
            notifier.idle(es.map((e) => receiptNotification(e, 'delivery.acknowledged'))),
        },
      ],
    });
  }
}
