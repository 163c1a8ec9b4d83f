import { IsBoolean } from 'class-validator';
import { IsSecretKeyring } from '../crypto/secret-keyring';
import type { AddressPolicy } from '../net/address-guard';
import { CommonEnv, DEFAULT_WEBHOOK_SECRET_KEY, ProductionChecks, publicKeyProblem } from './env';

/**
 * What the two services that handle webhooks (the gateway sets them, the router pushes) must agree on: the key
 * sealing signing secrets and which addresses a webhook URL may point at.
 */
export class WebhookServiceEnv extends CommonEnv {
  /**
   * Seals webhook signing secrets in WebhookConfiguredEvent and at rest (the same keys in gateway and router).
   * Comma-separated: the first key seals, every key opens (rotation).
   */
  @IsSecretKeyring() WEBHOOK_SECRET_KEY = DEFAULT_WEBHOOK_SECRET_KEY;

  /**
   * Lets webhook URLs reach loopback, private and link-local addresses. Off by default: a vendor-supplied URL
   * must not make the exchange call into its own network (SSRF). Local setups turn it on.
   */
  @IsBoolean() WEBHOOK_ALLOW_PRIVATE_ADDRESSES = false;

  /** Lets webhook URLs reach loopback only (127.0.0.0/8, ::1): tests whose receivers run on this machine. */
  @IsBoolean() WEBHOOK_ALLOW_LOOPBACK = false;

  webhookAddressPolicy(): AddressPolicy {
    return { allowPrivate: this.WEBHOOK_ALLOW_PRIVATE_ADDRESSES, allowLoopback: this.WEBHOOK_ALLOW_LOOPBACK };
  }

  override productionChecks(): ProductionChecks {
    const checks = super.productionChecks();
    const problem = publicKeyProblem(
      'WEBHOOK_SECRET_KEY',
      this.WEBHOOK_SECRET_KEY,
      DEFAULT_WEBHOOK_SECRET_KEY,
    );
    if (problem) checks.errors.push(problem);
    for (const name of ['WEBHOOK_ALLOW_PRIVATE_ADDRESSES', 'WEBHOOK_ALLOW_LOOPBACK'] as const)
      if (this[name]) checks.warnings.push(`${name}=true: webhooks may reach this network (SSRF)`);
    return checks;
  }
}
