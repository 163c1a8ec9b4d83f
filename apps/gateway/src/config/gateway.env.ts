import { IsInt, IsUrl, Max, Min } from 'class-validator';
import {
  CommonEnv,
  DEFAULT_WEBHOOK_SECRET_KEY,
  IsSecretKeyring,
  ProductionChecks,
  publicKeyProblem,
} from '@careplan/platform';

const MiB = 1024 * 1024;

/** Gateway configuration: the common variables plus upload limits and the archive's address. */
export class GatewayEnv extends CommonEnv {
  override PORT = 3000;
  override INTERNAL_PORT = 3100;

  /** Largest single file accepted, in bytes (default 10 MiB). */
  @IsInt() @Min(1) MAX_FILE_BYTES = 10 * MiB;
  /** Most files in one submission (default 100). */
  @IsInt() @Min(1) @Max(10000) MAX_FILES = 100;
  /** Largest submission, all files together, in bytes (default 50 MiB). */
  @IsInt() @Min(1) MAX_BUNDLE_BYTES = 50 * MiB;

  /** The archive's internal listener (its INTERNAL_PORT): history, receipts, directory. */
  @IsUrl({ require_tld: false }) ARCHIVE_URL = 'http://127.0.0.1:3103';

  /** Seals webhook signing secrets in WebhookConfiguredEvent (the router holds the same keys); first key seals. */
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
