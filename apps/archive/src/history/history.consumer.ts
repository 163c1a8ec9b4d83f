import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  BaseEvent,
  DeliveryAcknowledgedEvent,
  DeliveryDeliveredEvent,
  DeliveryDownloadedEvent,
  EventClass,
  SubmissionReceivedEvent,
  SubmissionRejectedEvent,
  SubmissionValidatedEvent,
} from '@careplan/contracts';
import { EventConsumer, KafkaService } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { ARCHIVE_SCHEMA } from '../database/schema';
import { HistoryService } from './history.service';

const RECORDED: EventClass[] = [
  SubmissionReceivedEvent,
  SubmissionValidatedEvent,
  SubmissionRejectedEvent,
  DeliveryDeliveredEvent,
  DeliveryDownloadedEvent,
  DeliveryAcknowledgedEvent,
];

/** The archive listens to every event and keeps each office's history. */
@Injectable()
export class HistoryConsumer extends EventConsumer {
  constructor(
    kafka: KafkaService,
    @InjectDataSource() dataSource: DataSource,
    metrics: MetricsService,
    history: HistoryService,
  ) {
    super(kafka, dataSource, metrics, {
      name: 'archive',
      schema: ARCHIVE_SCHEMA,
      // A replayed event adds nothing: its rows are unique by event id and office (no processed-event row).
      idempotentEffects: true,
      handlers: RECORDED.map((event) => ({
        event,
        handle: (e: BaseEvent, m) => history.record(e, m),
        handleAll: (es: BaseEvent[], m) => history.recordAll(es, m),
      })),
    });
  }
}
