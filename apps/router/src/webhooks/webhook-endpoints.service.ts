import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WebhookConfiguredEvent, webhookSecretContext } from '@careplan/contracts';
import { PermanentError } from '@careplan/messaging';
import { SealedSecretError, SecretKeyring } from '@careplan/platform';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { StoredSecretRow, WebhookEndpointsRepository } from './webhook-endpoints.repository';

export interface ConfiguredOffice {
  officeNumber: string;
  /** When the office set this endpoint: events from before then are not pushed to it. */
  configuredAt: Date;
}

export interface WebhookEndpoint extends ConfiguredOffice {
  url: string;
  secret: string;
}

/**
 * The router's copy of the offices' webhook settings, kept from the gateway's events. Secrets arrive sealed
 * (WEBHOOK_SECRET_KEY) and stay sealed at rest; they are opened only to sign a push.
 */
@Injectable()
export class WebhookEndpointsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookEndpointsService.name);

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly keyring: SecretKeyring,
  ) {}

  /** Rows from before sealing (plain secret) or sealed under a retired key are sealed anew at start. */
  async onApplicationBootstrap(): Promise<void> {
    const resealed = await this.sealStoredSecrets();
    if (resealed > 0) this.logger.log(`sealed ${resealed} stored webhook secret(s) with the current key`);
  }

  /** Last configuration wins; an older event arriving late changes nothing. */
  async apply(e: WebhookConfiguredEvent, m: EntityManager): Promise<void> {
    const sealed = e.url ? this.sealedSecretOf(e, e.url) : null;
    await this.endpoints.upsertUnlessNewer(m, {
      officeNumber: e.officeNumber,
      url: e.url ?? null,
      secretSealed: sealed,
      configuredAt: e.occurredAt,
    });
  }

  /**
   * The offices among `officeNumbers` that have an endpoint now (their secrets stay sealed); without `m`, read
   * outside a transaction.
   */
  async configured(officeNumbers: string[], m?: EntityManager): Promise<ConfiguredOffice[]> {
    if (officeNumbers.length === 0) return [];
    const rows = await this.endpoints.findConfigured(m, officeNumbers);
    return rows.map(({ officeNumber, configuredAt }) => ({ officeNumber, configuredAt }));
  }

  /** The office's endpoint with its secret opened, to sign a push; null when it has none. */
  async find(officeNumber: string): Promise<WebhookEndpoint | null> {
    const row = await this.endpoints.findByOfficeNumber(officeNumber);
    return row ? this.toEndpoint(row) : null;
  }

  /** Seals plain secrets (rows from before sealing) and those under a retired key; returns how many. */
  async sealStoredSecrets(): Promise<number> {
    const rows = await this.endpoints.findNotSealedUnder(this.keyring.currentKeyId);
    let done = 0;
    for (const row of rows) if (await this.reseal(row)) done++;
    return done;
  }

  private async reseal(row: StoredSecretRow): Promise<boolean> {
    const context = webhookSecretContext(row.office_number, row.url);
    let plain: string;
    try {
      plain = row.secret ?? this.keyring.open(row.secret_sealed ?? '', context);
    } catch (e) {
      this.logger.warn(`webhook secret of office ${row.office_number} cannot be opened: ${String(e)}`);
      return false;
    }
    // Only if the row is still as read: a configuration applied meanwhile is newer and already sealed.
    return this.endpoints.resealIfUnchanged(row, this.keyring.seal(plain, context));
  }

  /** The event's secret, sealed: checked to open here (a key the router lacks is a permanent failure). */
  private sealedSecretOf(e: WebhookConfiguredEvent, url: string): string | null {
    const context = webhookSecretContext(e.officeNumber, url);
    if (e.secretSealed) {
      try {
        this.keyring.open(e.secretSealed, context);
      } catch (err) {
        if (err instanceof SealedSecretError) throw new PermanentError(err.message);
        throw err;
      }
      return e.secretSealed;
    }
    // An event from before sealing: its plain secret is sealed before it is stored.
    return e.secret ? this.keyring.seal(e.secret, context) : null;
  }

  private toEndpoint(row: WebhookEndpointEntity): WebhookEndpoint | null {
    if (!row.url) return null;
    const secret =
      row.secret ??
      (row.secretSealed
        ? this.keyring.open(row.secretSealed, webhookSecretContext(row.officeNumber, row.url))
        : null);
    return secret
      ? { officeNumber: row.officeNumber, url: row.url, secret, configuredAt: row.configuredAt }
      : null;
  }
}
