import { IsIn, IsISO8601, IsObject, IsOptional, IsUUID, Matches } from 'class-validator';
import { OFFICE_NUMBER_PATTERN, payloadCheck } from '@careplan/contracts';

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

const checkJob = payloadCheck(WebhookJobData);

/** The job data as a validated instance (the object given, now a WebhookJobData), or the reasons it is not one. */
export function parseWebhookJob(plain: unknown): { job: WebhookJobData } | { error: string } {
  const checked = checkJob(plain);
  return checked.error === undefined ? { job: checked.value } : { error: checked.error };
}

/** The exact body that is signed and sent. */
export function webhookBody(job: WebhookJobData): string {
  return JSON.stringify({ id: job.eventId, type: job.type, occurredAt: job.occurredAt, data: job.data });
}
