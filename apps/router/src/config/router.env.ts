import { IsBoolean, IsInt, Matches, Max, Min } from 'class-validator';
import {
  CommonEnv,
  DEFAULT_WEBHOOK_SECRET_KEY,
  IsSecretKeyring,
  ProductionChecks,
  publicKeyProblem,
} from '@careplan/platform';
import {
  WEBHOOK_DELIVERY_ATTEMPTS,
  WEBHOOK_DELIVERY_BACKOFF_MS,
  WEBHOOK_DELIVERY_CONCURRENCY,
  WEBHOOK_DELIVERY_TIMEOUT_MS,
} from '../webhooks/webhook-delivery.policy';

/** Router configuration: the common variables plus the webhook queue and the internal API. */
export class RouterEnv extends CommonEnv {
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
  /**
   * Lets pushes reach loopback, private and link-local addresses. Off by default: a vendor-supplied URL
   * must not make the router call into its own network (SSRF). Local setups and tests turn it on.
   */
  @IsBoolean() WEBHOOK_ALLOW_PRIVATE_ADDRESSES = false;
  /** Pushes in flight at once per router instance. */
  @IsInt() @Min(1) @Max(1000) WEBHOOK_CONCURRENCY = WEBHOOK_DELIVERY_CONCURRENCY;

  /**
   * Opens the webhook signing secrets sealed by the gateway (the same keys there), and seals them at rest in
   * router.webhook_endpoints. Comma-separated: the first key seals, every key opens (rotation).
   */
  @IsSecretKeyring() WEBHOOK_SECRET_KEY = DEFAULT_WEBHOOK_SECRET_KEY;

  override productionChecks(): ProductionChecks {
    const checks = super.productionChecks();
    const problem = publicKeyProblem(
      'WEBHOOK_SECRET_KEY',
      this.WEBHOOK_SECRET_KEY,
      DEFAULT_WEBHOOK_SECRET_KEY,
    );
    if (problem) checks.errors.push(problem);
    return checks;
  }
}
