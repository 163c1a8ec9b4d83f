import { IsIn, IsInt, IsString, IsUrl, Matches, Min, MinLength, ValidateIf } from 'class-validator';
import { CommonEnv, IsSecretKeyring, ProductionChecks } from '@careplan/platform';

export const CONSOLE_COOKIE_SECURE_MODES = ['auto', 'true', 'false'] as const;

export class ArchiveEnv extends CommonEnv {
  override PORT = 3003;
  override INTERNAL_PORT = 3103;
  /** The router's internal listener (its INTERNAL_PORT), where it serves dead letters (the ops API proxies them). */
  @IsUrl({ require_tld: false }) ROUTER_URL = 'http://127.0.0.1:3102';
  /** The gateway's internal listener (its INTERNAL_PORT), which owns API keys (the ops API issues and revokes them there). */
  @IsUrl({ require_tld: false }) GATEWAY_URL = 'http://127.0.0.1:3100';
  /**
   * The other services' public listeners (their PORT): /health/ready and /metrics answer there, never on the
   * internal listeners (which serve /internal routes only). The operations overview shows their health.
   */
  @IsUrl({ require_tld: false }) GATEWAY_PUBLIC_URL = 'http://127.0.0.1:3000';
  @IsUrl({ require_tld: false }) VALIDATOR_PUBLIC_URL = 'http://127.0.0.1:3001';
  @IsUrl({ require_tld: false }) ROUTER_PUBLIC_URL = 'http://127.0.0.1:3002';
  /** How often license terms are moved (renewal, expiry), in ms; also once at start. */
  @IsInt() @Min(1000) LICENSE_SWEEP_INTERVAL_MS = 3_600_000;
  /**
   * Ed25519 private key (PEM; "\n" escapes allowed) that signs proofs of exchange. Empty: a key is generated on
   * first use and kept in archive.receipt_keys, shared by every archive instance.
   */
  @IsString() RECEIPT_SIGNING_KEY = '';

  /**
   * Signs the console's session cookie (at least 32 characters), the same for every archive instance. Empty: a
   * random one at each start, so sessions end with a restart and work on one instance only.
   */
  @ValidateIf((e: ArchiveEnv) => e.CONSOLE_SESSION_SECRET !== '')
  @IsString()
  @MinLength(32)
  CONSOLE_SESSION_SECRET = '';
  /**
   * The cookie's Secure attribute: `auto` sets it on requests that came over https (behind a proxy, with
   * TRUST_PROXY_HOPS); `true` always (no session cookie is then set over plain http); `false` never.
   */
  @IsIn(CONSOLE_COOKIE_SECURE_MODES) CONSOLE_COOKIE_SECURE: (typeof CONSOLE_COOKIE_SECURE_MODES)[number] =
    'auto';
  /** A console session ends after this many minutes without a request… */
  @IsInt() @Min(1) CONSOLE_IDLE_MINUTES = 30;
  /** …and this many hours after sign-in, whatever happened since. */
  @IsInt() @Min(1) CONSOLE_SESSION_HOURS = 12;
  /** How long signing in with a name stays locked after 5 failures in a row. */
  @IsInt() @Min(1) CONSOLE_LOCK_MINUTES = 15;
  /** Where operators open the console: set-up links are `<CONSOLE_URL>setup/<token>`. */
  @IsUrl({ require_tld: false, require_protocol: true })
  @Matches(/\/$/, { message: 'CONSOLE_URL must end with /' })
  CONSOLE_URL = 'http://127.0.0.1:3003/console/';
  /**
   * AES-256-GCM key ring (32-byte keys, hex or base64, comma-separated, the sealing one first) for the
   * operators' TOTP secrets at rest. Empty: they are stored as they are.
   */
  @ValidateIf((e: ArchiveEnv) => e.CONSOLE_TOTP_KEY !== '')
  @IsSecretKeyring()
  CONSOLE_TOTP_KEY = '';

  override productionChecks(): ProductionChecks {
    const checks = super.productionChecks();
    if (this.RECEIPT_SIGNING_KEY === '')
      checks.warnings.push(
        'RECEIPT_SIGNING_KEY is empty: receipts are signed with a key generated and kept in the database (archive.receipt_keys); configure one to hold it outside the database',
      );
    if (this.CONSOLE_SESSION_SECRET === '')
      checks.warnings.push(
        'CONSOLE_SESSION_SECRET is empty: console sessions are signed with a random secret made at start, so they end with a restart and work on one archive instance only; configure one (at least 32 characters), the same for every instance',
      );
    if (this.CONSOLE_TOTP_KEY === '')
      checks.warnings.push(
        "CONSOLE_TOTP_KEY is empty: the operators' TOTP secrets are stored unencrypted in archive.operators; configure a key (openssl rand -base64 32)",
      );
    return checks;
  }
}
