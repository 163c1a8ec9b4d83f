import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SubmissionReceivedEvent } from '@careplan/contracts';
import { EventConsumer, KafkaService, OutboxRelay } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { VALIDATOR_SCHEMA } from '../database/schema';
import { ValidationService } from './validation.service';

@Injectable()
export class ValidationConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: EventConsumer;

  constructor(
    kafka: KafkaService,
    @InjectDataSource() dataSource: DataSource,
    metrics: MetricsService,
    relay: OutboxRelay,
    validation: ValidationService,
  ) {
    this.consumer = new EventConsumer(kafka, dataSource, metrics, {
      name: 'validator',
      schema: VALIDATOR_SCHEMA,
      handlers: [
        {
          event: SubmissionReceivedEvent,
          handle: (e: SubmissionReceivedEvent, m) => validation.validate(e, m),
        },
      ],
      afterCommit: () => relay.nudge(),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
