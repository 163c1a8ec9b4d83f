import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DeliveryDeliveredEvent,
  SubmissionRejectedEvent,
  SubmissionValidatedEvent,
} from '@careplan/contracts';
import { EventConsumer, KafkaService } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { GATEWAY_SCHEMA } from '../database/schema';
import { InboxService } from '../inbox/inbox.service';
import { SubmissionsRepository } from '../submissions/submissions.repository';

/** Keeps the gateway's view current: submission status for senders, inbox entries for receivers. */
@Injectable()
export class GatewayEventsConsumer extends EventConsumer {
  constructor(
    kafka: KafkaService,
    @InjectDataSource() dataSource: DataSource,
    metrics: MetricsService,
    inbox: InboxService,
    submissions: SubmissionsRepository,
  ) {
    super(kafka, dataSource, metrics, {
      name: 'gateway',
      schema: GATEWAY_SCHEMA,
      // Applying an event again changes nothing (statuses only move on, timestamps and inbox entries are set
      // once), so no processed-event row is written.
      idempotentEffects: true,
      handlers: [
        {
          event: SubmissionValidatedEvent,
          handle: (e: SubmissionValidatedEvent, m) =>
            submissions.advanceStatus(m, e.submissionId, 'validated', new Date(e.occurredAt), e.report),
        },
        {
          event: SubmissionRejectedEvent,
          handle: (e: SubmissionRejectedEvent, m) =>
            submissions.advanceStatus(m, e.submissionId, 'rejected', new Date(e.occurredAt), e.report),
        },
        {
          event: DeliveryDeliveredEvent,
          handle: (e: DeliveryDeliveredEvent, m) => inbox.addDelivery(m, e),
        },
      ],
    });
  }
}
