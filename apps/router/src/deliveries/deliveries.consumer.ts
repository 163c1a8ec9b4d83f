import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SubmissionValidatedEvent } from '@careplan/contracts';
import { EventConsumer, KafkaService, OutboxRelay } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { ROUTER_SCHEMA } from '../database/schema';
import { DeliveriesService } from './deliveries.service';

@Injectable()
export class DeliveriesConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: EventConsumer;

  constructor(
    kafka: KafkaService,
    @InjectDataSource() dataSource: DataSource,
    metrics: MetricsService,
    relay: OutboxRelay,
    deliveries: DeliveriesService,
  ) {
    this.consumer = new EventConsumer(kafka, dataSource, metrics, {
      name: 'router',
      schema: ROUTER_SCHEMA,
      handlers: [
        {
          event: SubmissionValidatedEvent,
          handle: (e: SubmissionValidatedEvent, m) => deliveries.deliver(e, m),
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
