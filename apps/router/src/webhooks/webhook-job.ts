import { IsIn, IsISO8601, IsObject, IsOptional, IsUUID, Matches, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';

// Event types of the webhook body and the X-Careplan-Event header: a contract with vendors, never renamed.
export const WEBHOOK_EVENT_TYPES = [
  'submission.validated',
  'submission.rejected',
  'delivery.delivered',
  'delivery.downloaded',
  'delivery.acknowledged',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** One push to one office: the data of a `webhook-delivery` job, validated when it is processed. */
export class WebhookJobData {
  /** Id of the Kafka event the push reports; also the webhook's id (receivers deduplicate on it). */
  @IsUUID() eventId!: string;
  @IsIn(WEBHOOK_EVENT_TYPES) type!: WebhookEventType;
  @IsISO8601() occurredAt!: string;
  /** The office whose endpoint receives the push. */
  @Matches(OFFICE_NUMBER_PATTERN) officeNumber!: string;
  @IsUUID() submissionId!: string;
  @IsOptional() @IsUUID() deliveryId!: string | null;
  @IsObject() data!: Record<string, unknown>;
}

/** BullMQ job id: one job per event and receiving office, so a redelivered event enqueues nothing new. */
export function webhookJobId(eventId: string, officeNumber: string): string {
  // BullMQ refuses ':' in custom ids (it reserves it for its own keys); '.' keeps the two parts readable.
  return `${eventId}.${officeNumber}`;
}

/** The job data as a validated instance, or the reasons it is not one. */
export function parseWebhookJob(plain: unknown): { job: WebhookJobData } | { error: string } {
  const job = plainToInstance(WebhookJobData, plain);
  const errors = validateSync(job);
  if (errors.length === 0) return { job };
  return { error: errors.map((e) => e.toString(false).trim()).join('; ') };
}

/** The exact body that is signed and sent. */
export function webhookBody(job: WebhookJobData): string {
  return JSON.stringify({ id: job.eventId, type: job.type, occurredAt: job.occurredAt, data: job.data });
}
