import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DeliveryDeliveredEvent,
  EventClass,
  SubmissionRejectedEvent,
  SubmissionValidatedEvent,
} from '@careplan/contracts';
import { EventConsumer, EventHandler, KafkaService } from '@careplan/messaging';
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
      // Each type's batch in one statement (handleAll); one event alone is a batch of one.
      handlers: [
        verdictHandler(SubmissionValidatedEvent, 'validated', submissions),
        verdictHandler(SubmissionRejectedEvent, 'rejected', submissions),
        {
          event: DeliveryDeliveredEvent,
          handle: (e: DeliveryDeliveredEvent, m) => inbox.addDeliveries(m, [e]),
          handleAll: (es: DeliveryDeliveredEvent[], m) => inbox.addDeliveries(m, es),
        },
      ],
    });
  }
}

function verdictHandler<T extends SubmissionValidatedEvent | SubmissionRejectedEvent>(
  event: EventClass<T>,
  status: 'validated' | 'rejected',
  submissions: SubmissionsRepository,
): EventHandler<T> {
  const steps = (es: T[]) =>
    es.map((e) => ({ submissionId: e.submissionId, at: new Date(e.occurredAt), report: e.report }));
  return {
    event,
    handle: (e, m) => submissions.advanceStatuses(m, status, steps([e])),
    handleAll: (es, m) => submissions.advanceStatuses(m, status, steps(es)),
  };
}
