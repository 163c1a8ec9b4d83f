import { DynamicModule, Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ALL_TOPICS } from '@careplan/contracts';
import { CommonEnv, MetricsService, ReadinessCheck, ReadinessService } from '@careplan/platform';
import { EventConsumer } from './event-consumer';
import { KafkaService } from './kafka.service';
import { LagMonitor } from './lag-monitor';
import { OutboxRelay } from './outbox';
import { OutboxMetrics } from './outbox.metrics';

export interface MessagingOptions {
  /** Service name: the Kafka client id. */
  service: string;
  /** The schema whose outbox this service's relay publishes. */
  schema: string;
}

/** The Kafka client configured by the common variables (a service's, or the migrate step's). */
export function kafkaFromEnv(env: CommonEnv, clientId: string): KafkaService {
  return new KafkaService({
    brokers: env.KAFKA_BROKERS.split(','),
    clientId,
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    groupPrefix: env.KAFKA_GROUP_PREFIX,
    topics: ALL_TOPICS,
    partitions: env.KAFKA_PARTITIONS,
  });
}

/**
 * Without Kafka a service still answers, and the gateway still accepts into its outbox, published once
 * Kafka is back: degraded, not unready.
 */
export function kafkaReadiness(kafka: KafkaService): ReadinessCheck {
  return { name: 'kafka', critical: false, check: () => kafka.ping() };
}

@Injectable()
class KafkaReadiness implements OnModuleInit {
  constructor(
    private readonly kafka: KafkaService,
    private readonly readiness: ReadinessService,
  ) {}

  onModuleInit(): void {
    this.readiness.register(kafkaReadiness(this.kafka));
  }
}

function consumersOf(discovery: DiscoveryService): EventConsumer[] {
  return discovery
    .getProviders()
    .map((w) => w.instance as unknown)
    .filter((i): i is EventConsumer => i instanceof EventConsumer);
}

/** Kafka, the service's outbox relay and its metrics, consumer lag and Kafka's readiness check. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(env: CommonEnv, options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      // LagMonitor finds the service's consumers among its providers.
      imports: [DiscoveryModule],
      providers: [
        { provide: KafkaService, useFactory: () => kafkaFromEnv(env, `careplan-${options.service}`) },
        {
          provide: OutboxRelay,
          useFactory: (ds: DataSource, kafka: KafkaService) => new OutboxRelay(ds, kafka, options.schema),
          inject: [getDataSourceToken(), KafkaService],
        },
        {
          provide: OutboxMetrics,
          useFactory: (ds: DataSource, metrics: MetricsService) =>
            new OutboxMetrics(ds, metrics, options.schema),
          inject: [getDataSourceToken(), MetricsService],
        },
        {
          provide: LagMonitor,
          useFactory: (kafka: KafkaService, metrics: MetricsService, discovery: DiscoveryService) =>
            new LagMonitor(kafka, metrics, () => consumersOf(discovery)),
          inject: [KafkaService, MetricsService, DiscoveryService],
        },
        KafkaReadiness,
      ],
      exports: [KafkaService, OutboxRelay],
    };
  }
}
