import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SubmissionValidatedEvent } from '@careplan/contracts';
import { EventConsumer, KafkaService, OutboxRelay } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { ROUTER_SCHEMA } from '../database/schema';
import { DeliveriesService } from './deliveries.service';

@Injectable()
export class DeliveriesConsumer extends EventConsumer {
  constructor(
    kafka: KafkaService,
    @InjectDataSource() dataSource: DataSource,
    metrics: MetricsService,
    relay: OutboxRelay,
    deliveries: DeliveriesService,
  ) {
    super(kafka, dataSource, metrics, {
      name: 'router',
      schema: ROUTER_SCHEMA,
      handlers: [
        {
          event: SubmissionValidatedEvent,
          handle: (e: SubmissionValidatedEvent, m) => deliveries.deliver(e, m),
          // A re-driven verdict: the delivery goes out again, for whoever missed it downstream.
          onDuplicate: (e: SubmissionValidatedEvent, m) => deliveries.republish(e, m),
        },
      ],
      afterCommit: () => relay.nudge(),
    });
  }
}
