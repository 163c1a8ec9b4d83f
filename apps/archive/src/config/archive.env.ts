import { IsInt, IsString, IsUrl, Min } from 'class-validator';
import { CommonEnv, ProductionChecks } from '@careplan/platform';

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

  override productionChecks(): ProductionChecks {
    const checks = super.productionChecks();
    if (this.RECEIPT_SIGNING_KEY === '')
      checks.warnings.push(
        'RECEIPT_SIGNING_KEY is empty: receipts are signed with a key generated and kept in the database (archive.receipt_keys); configure one to hold it outside the database',
      );
    return checks;
  }
}
