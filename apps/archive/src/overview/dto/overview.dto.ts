import { ApiProperty } from '@nestjs/swagger';
import { DeliveryChannelsDto } from '@careplan/contracts';

/** A submission's status as the gateway names it, read from the sender's side of the history. */
export const OVERVIEW_STATUSES = [
  'accepted',
  'validated',
  'rejected',
  'delivered',
  'downloaded',
  'acknowledged',
] as const;
export type OverviewStatus = (typeof OVERVIEW_STATUSES)[number];

export const OVERVIEW_SERVICES = ['gateway', 'validator', 'router', 'archive'] as const;
export type OverviewService = (typeof OVERVIEW_SERVICES)[number];

export const SERVICE_STATES = ['up', 'degraded', 'down'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

const count = (description: string) => ApiProperty({ type: 'integer', description });

export class SubmissionStatusCountsDto {
  @count('sent, not yet validated') accepted!: number;
  @count('validated, not yet delivered') validated!: number;
  @count('refused by the validator') rejected!: number;
  @count("in the receiver's inbox") delivered!: number;
  @count('downloaded by the receiver') downloaded!: number;
  @count('acknowledged by the receiver') acknowledged!: number;
}

export class TodaySubmissionsDto {
  @count('submissions sent today (Japan day) by offices of the scope') total!: number;
  @ApiProperty({ type: SubmissionStatusCountsDto, description: 'of them, by the step each has reached now' })
  byStatus!: SubmissionStatusCountsDto;
}

export class ValidationFailureDto {
  @ApiProperty({ example: 'FILE_NAME_CHECK_DIGIT', description: 'the error code of the validation report' })
  code!: string;
  @count('rejected submissions whose report has an error of this code') submissions!: number;
  @count('errors of this code in those reports (a report keeps the first ones of each file)') issues!: number;
}

export class KafkaDlqCountsDto {
  @count('messages the `.dlq` topics hold') messages!: number;
  @count('of them, never replayed') notReplayed!: number;
}

/** Figures read from the service's /metrics; null when it does not report one. */
export class ServiceMetricsDto {
  @ApiProperty({ type: 'number', nullable: true, description: 'process_resident_memory_bytes' })
  residentMemoryBytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'since process_start_time_seconds' })
  uptimeSeconds!: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'careplan_outbox_backlog: events not yet published',
  })
  outboxBacklog!: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'careplan_kafka_consumer_lag summed over its consumers and partitions',
  })
  consumerLag!: number | null;
}

export class ServiceHealthDto {
  @ApiProperty({ enum: OVERVIEW_SERVICES }) service!: OverviewService;
  @ApiProperty({
    enum: SERVICE_STATES,
    description:
      'up: ready; degraded: ready, a non-critical dependency down; down: not ready, or no answer within 1 s',
  })
  status!: ServiceState;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'no answer within 1000 ms',
    description: 'why it is down',
  })
  detail!: string | null;
  @ApiProperty({ type: [String], example: ['kafka'], description: 'dependencies its readiness reports down' })
  failing!: string[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'time /health/ready took to answer' })
  responseMs!: number | null;
  @ApiProperty({ type: ServiceMetricsDto, nullable: true, description: 'null: /metrics did not answer' })
  metrics!: ServiceMetricsDto | null;
}

export class HourBucketDto {
  @ApiProperty({ format: 'date-time', description: 'start of the hour' }) hour!: string;
  @count('submissions sent in the hour') submitted!: number;
  @count('submissions delivered in the hour') delivered!: number;
  @count('submissions rejected by the validator in the hour') failed!: number;
}

/**
 * The state of the exchange at a glance, within the operator's prefecture (offices counted as senders, and as
 * receivers for deliveries). Figures of another service that does not answer are null; the services' health
 * and consumer lag are those of the whole system.
 */
export class OverviewDto {
  @ApiProperty({ type: String, nullable: true, example: '13', description: 'null: every prefecture' })
  prefecture!: string | null;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ example: '2026-04-01', description: 'the Japan (Asia/Tokyo) day of the day figures' })
  day!: string;
  @ApiProperty({ type: TodaySubmissionsDto }) submissions!: TodaySubmissionsDto;
  @ApiProperty({
    type: [ValidationFailureDto],
    description: "today's rejections by error code, most submissions first (at most 20 codes)",
  })
  validationFailures!: ValidationFailureDto[];
  @ApiProperty({
    type: DeliveryChannelsDto,
    nullable: true,
    description:
      "today's deliveries to offices of the scope by channel (the router's); null: the router did not answer",
  })
  deliveries!: DeliveryChannelsDto | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'webhook dead letters of offices of the scope waiting for a replay; null: the router did not answer',
  })
  webhookDeadLetters!: number | null;
  @ApiProperty({
    type: KafkaDlqCountsDto,
    nullable: true,
    description:
      'null for prefecture operators (Kafka dead letters are for central administrators), or Kafka did not answer',
  })
  kafkaDlq!: KafkaDlqCountsDto | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'consumer lag of every service that answered, summed; null: none did',
  })
  consumerLag!: number | null;
  @ApiProperty({ type: [ServiceHealthDto], description: 'gateway, validator, router, archive' })
  services!: ServiceHealthDto[];
  @ApiProperty({
    type: [HourBucketDto],
    description: 'the last 24 hours, oldest first; the last is the current hour',
  })
  last24h!: HourBucketDto[];
}
