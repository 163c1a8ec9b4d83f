import { DynamicModule, Provider } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ALL_TOPICS } from '@careplan/contracts';
import { BlobStore, dataSourceOptions, ServiceDatabase, storageDatabase } from '@careplan/persistence';
import {
  CommonEnv,
  INTERNAL_TOKEN,
  InternalTokenGuard,
  MetricsService,
  PlatformModule,
  READINESS_CHECKS,
  ReadinessCheck,
  ReadinessService,
} from '@careplan/platform';
import { EventConsumer } from './event-consumer';
import { KafkaService } from './kafka.service';
import { LagMonitor } from './lag-monitor';
import { OutboxRelay } from './outbox';
import { OutboxMetrics } from './outbox.metrics';

export interface CoreOptions {
  /** Service name: Kafka client id and log/metrics label. */
  service: string;
  /** The schema whose outbox this service's relay publishes. */
  schema: string;
  /** Dependencies beyond PostgreSQL and Kafka that readiness checks (e.g. Redis). */
  extraChecks?: ReadinessCheck[];
  /** The service's tables; the blob store's entity is added. */
  database: ServiceDatabase;
}

/** Logging, metrics, health machinery and the service's TypeORM connection. */
export function coreImports(env: CommonEnv, options: CoreOptions): DynamicModule[] {
  return [
    // LagMonitor finds the service's consumers among its providers.
    { module: DiscoveryModule },
    PlatformModule.forRoot({ serviceName: options.service, logLevel: env.LOG_LEVEL }),
    TypeOrmModule.forRoot(
      dataSourceOptions(env.DATABASE_URL, {
        ...options.database,
        entities: [...toArray(options.database.entities), ...toArray(storageDatabase.entities)],
      }),
    ),
  ];
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

function consumersOf(discovery: DiscoveryService): EventConsumer[] {
  return discovery
    .getProviders()
    .map((w) => w.instance as unknown)
    .filter((i): i is EventConsumer => i instanceof EventConsumer);
}

function toArray<T>(list: T[] | Record<string, T>): T[] {
  return Array.isArray(list) ? list : Object.values(list);
}

/** What every service wires the same way: Kafka, the blob store, the outbox relay and readiness checks. */
export function coreProviders(env: CommonEnv, options: CoreOptions): Provider[] {
  return [
    { provide: INTERNAL_TOKEN, useValue: env.INTERNAL_TOKEN },
    InternalTokenGuard,
    { provide: KafkaService, useFactory: () => kafkaFromEnv(env, `careplan-${options.service}`) },
    { provide: BlobStore, useFactory: (ds: DataSource) => new BlobStore(ds), inject: [getDataSourceToken()] },
    {
      provide: OutboxRelay,
      useFactory: (ds: DataSource, kafka: KafkaService) => new OutboxRelay(ds, kafka, options.schema),
      inject: [getDataSourceToken(), KafkaService],
    },
    {
      provide: OutboxMetrics,
      useFactory: (ds: DataSource, metrics: MetricsService) => new OutboxMetrics(ds, metrics, options.schema),
      inject: [getDataSourceToken(), MetricsService],
    },
    {
      provide: LagMonitor,
      useFactory: (kafka: KafkaService, metrics: MetricsService, discovery: DiscoveryService) =>
        new LagMonitor(kafka, metrics, () => consumersOf(discovery)),
      inject: [KafkaService, MetricsService, DiscoveryService],
    },
    {
      provide: READINESS_CHECKS,
      useFactory: (ds: DataSource, kafka: KafkaService): ReadinessCheck[] => [
        ...coreReadinessChecks(ds, kafka),
        ...(options.extraChecks ?? []),
      ],
      inject: [getDataSourceToken(), KafkaService],
    },
    ReadinessService,
  ];
}

/**
 * Without its database a service can do nothing: critical. Without Kafka it still answers, and the
 * gateway still accepts into its outbox, published once Kafka is back: degraded, not unready.
 */
export function coreReadinessChecks(ds: DataSource, kafka: KafkaService): ReadinessCheck[] {
  return [
    { name: 'postgres', critical: true, check: async () => void (await ds.query('SELECT 1')) },
    { name: 'kafka', critical: false, check: () => kafka.ping() },
  ];
}
