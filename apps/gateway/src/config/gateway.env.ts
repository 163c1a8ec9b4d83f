import { IsInt, IsString, IsUrl, Length, Max, Min } from 'class-validator';
import { ProductionChecks, WebhookServiceEnv } from '@careplan/platform';

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

  /**
   * Ed25519 private key (PEM; "\n" escapes allowed) that signs access tokens (POST /v1/auth/token). Empty: a key
   * is generated on first use and kept in gateway.token_keys, shared by every gateway instance.
   */
  @IsString() TOKEN_SIGNING_KEY = '';
  /** The `iss` (and `aud`) of access tokens: tokens of another issuer are refused. */
  @IsString() @Length(1, 200) TOKEN_ISSUER = 'careplan-exchange-gateway';
  /** Lifetime of an access token in seconds (default and most 60 min). */
  @IsInt() @Min(60) @Max(3600) ACCESS_TOKEN_TTL_SECONDS = 3600;

  override productionChecks(): ProductionChecks {
    const checks = super.productionChecks();
    if (this.TOKEN_SIGNING_KEY === '')
      checks.warnings.push(
        'TOKEN_SIGNING_KEY is empty: access tokens are signed with a key generated and kept in the database (gateway.token_keys); configure one to hold it outside the database',
      );
    return checks;
  }
}
