import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { WebhookServiceEnv } from '@careplan/platform';

const MiB = 1024 * 1024;

/** Gateway configuration: the common and webhook variables plus upload limits, the archive's address and the reconciler. */
export class GatewayEnv extends WebhookServiceEnv {
  override PORT = 3000;
  override INTERNAL_PORT = 3100;

  /** Largest single file accepted, in bytes (default 10 MiB). */
  @IsInt() @Min(1) MAX_FILE_BYTES = 10 * MiB;
  /** Most files in one submission (default 100). */
  @IsInt() @Min(1) @Max(10000) MAX_FILES = 100;
  /** Largest submission, all files together, in bytes (default 50 MiB). */
  @IsInt() @Min(1) MAX_BUNDLE_BYTES = 50 * MiB;

  /** Worker threads of POST /v1/validate (CSV decoding and checks off the event loop; default 2). */
  @IsInt() @Min(1) @Max(64) VALIDATE_WORKERS = 2;
  /** Dry runs that may wait for a worker; more answer 503 SERVICE_BUSY with Retry-After (default 8). */
  @IsInt() @Min(0) @Max(10000) VALIDATE_QUEUE = 8;

  /** The archive's internal listener (its INTERNAL_PORT): history, receipts, directory. */
  @IsUrl({ require_tld: false }) ARCHIVE_URL = 'http://127.0.0.1:3103';

  /** A submission still `accepted` or `validated` this long after its last step is re-driven (default 2 min). */
  @IsInt() @Min(1) RECONCILE_AFTER_SECONDS = 120;
  /** How often the reconciler looks for stuck submissions (default 30 s). */
  @IsInt() @Min(1) RECONCILE_INTERVAL_SECONDS = 30;
}
