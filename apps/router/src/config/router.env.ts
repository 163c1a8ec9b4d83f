import { IsInt, Matches, Max, Min } from 'class-validator';
import { WebhookServiceEnv } from '@careplan/platform';
import {
  WEBHOOK_DELIVERY_ATTEMPTS,
  WEBHOOK_DELIVERY_BACKOFF_MS,
  WEBHOOK_DELIVERY_CONCURRENCY,
  WEBHOOK_DELIVERY_TIMEOUT_MS,
} from '../webhooks/webhook-delivery.policy';

/** Router configuration: the common variables plus the webhook queue and the internal API. */
export class RouterEnv extends WebhookServiceEnv {
  override PORT = 3002;
  override INTERNAL_PORT = 3102;

  /** Namespaces the BullMQ keys in Redis, so environments and test runs sharing a Redis stay apart. */
  @Matches(/^[A-Za-z0-9._-]+$/) BULLMQ_PREFIX = 'careplan';

  /** Attempts of one webhook push, the first included. */
  @IsInt() @Min(1) @Max(100) WEBHOOK_ATTEMPTS = WEBHOOK_DELIVERY_ATTEMPTS;
  /** First retry delay; each further retry waits twice as long. */
  @IsInt() @Min(1) WEBHOOK_BACKOFF_MS = WEBHOOK_DELIVERY_BACKOFF_MS;
  /** How long one POST may take before it counts as failed (and is retried). */
  @IsInt() @Min(100) @Max(120_000) WEBHOOK_TIMEOUT_MS = WEBHOOK_DELIVERY_TIMEOUT_MS;
  /** Pushes in flight at once per router instance. */
  @IsInt() @Min(1) @Max(1000) WEBHOOK_CONCURRENCY = WEBHOOK_DELIVERY_CONCURRENCY;
}
