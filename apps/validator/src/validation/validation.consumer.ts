import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SubmissionReceivedEvent } from '@careplan/contracts';
import { EventConsumer, KafkaService, OutboxRelay } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { VALIDATOR_SCHEMA } from '../database/schema';
import { ValidationService } from './validation.service';

@Injectable()
export class ValidationConsumer extends EventConsumer {
  constructor(
    kafka: KafkaService,
    @InjectDataSource() dataSource: DataSource,
    metrics: MetricsService,
    relay: OutboxRelay,
    validation: ValidationService,
  ) {
    super(kafka, dataSource, metrics, {
      name: 'validator',
      schema: VALIDATOR_SCHEMA,
      handlers: [
        {
          event: SubmissionReceivedEvent,
          handle: (e: SubmissionReceivedEvent, m) => validation.validate(e, m),
          onGiveUp: (e: SubmissionReceivedEvent) => validation.giveUp(e),
          // A re-driven submission: its verdict goes out again, for whoever missed it downstream.
          onDuplicate: (e: SubmissionReceivedEvent, m) => validation.republish(e, m).then(() => undefined),
        },
      ],
      afterCommit: () => relay.nudge(),
    });
  }
}
