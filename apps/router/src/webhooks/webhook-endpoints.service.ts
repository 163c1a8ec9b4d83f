import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not, IsNull } from 'typeorm';
import { WebhookConfiguredEvent, webhookSecretContext } from '@careplan/contracts';
import { PermanentError } from '@careplan/messaging';
import { SealedSecretError, SecretKeyring } from '@careplan/platform';
import { ROUTER_SCHEMA } from '../database/schema';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export interface ConfiguredOffice {
  officeNumber: string;
  /** When the office set this endpoint: events from before then are not pushed to it. */
  configuredAt: Date;
}

export interface WebhookEndpoint extends ConfiguredOffice {
  url: string;
  secret: string;
}

interface StoredSecretRow {
  office_number: string;
  url: string;
  secret: string | null;
  secret_sealed: string | null;
}

/**
 * The router's copy of the offices' webhook settings, kept from the gateway's events. Secrets arrive sealed
 * (WEBHOOK_SECRET_KEY) and stay sealed at rest; they are opened only to sign a push.
 */
@Injectable()
export class WebhookEndpointsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookEndpointsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    await m.query(
      `INSERT INTO "${ROUTER_SCHEMA}"."webhook_endpoints" (office_number, url, secret, secret_sealed, configured_at)
       VALUES ($1, $2, NULL, $3, $4)
       ON CONFLICT (office_number) DO UPDATE
         SET url = EXCLUDED.url, secret = NULL, secret_sealed = EXCLUDED.secret_sealed,
             configured_at = EXCLUDED.configured_at, updated_at = now()
         WHERE "webhook_endpoints".configured_at <= EXCLUDED.configured_at`,
      [e.officeNumber, e.url ?? null, sealed, e.occurredAt],
    );
  }

  /** The offices among `officeNumbers` that have an endpoint now (their secrets stay sealed). */
  async configured(officeNumbers: string[], m: EntityManager): Promise<ConfiguredOffice[]> {
    const rows = await m.find(WebhookEndpointEntity, {
      select: { officeNumber: true, configuredAt: true },
      where: [
        { officeNumber: In(officeNumbers), url: Not(IsNull()), secretSealed: Not(IsNull()) },
        { officeNumber: In(officeNumbers), url: Not(IsNull()), secret: Not(IsNull()) },
      ],
    });
    return rows.map(({ officeNumber, configuredAt }) => ({ officeNumber, configuredAt }));
  }

  /** The office's endpoint with its secret opened, to sign a push; null when it has none. */
  async find(officeNumber: string): Promise<WebhookEndpoint | null> {
    const row = await this.dataSource.manager.findOne(WebhookEndpointEntity, { where: { officeNumber } });
    return row ? this.toEndpoint(row) : null;
  }

  /** Seals plain secrets (rows from before sealing) and those under a retired key; returns how many. */
  async sealStoredSecrets(): Promise<number> {
    const rows = await this.dataSource.query<StoredSecretRow[]>(
      `SELECT office_number, url, secret, secret_sealed FROM "${ROUTER_SCHEMA}"."webhook_endpoints"
       WHERE url IS NOT NULL AND (secret IS NOT NULL OR secret_sealed NOT LIKE $1)`,
      [`v1.${this.keyring.currentKeyId}.%`],
    );
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
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `UPDATE "${ROUTER_SCHEMA}"."webhook_endpoints" SET secret = NULL, secret_sealed = $1
       WHERE office_number = $2 AND url = $3 AND secret IS NOT DISTINCT FROM $4
         AND secret_sealed IS NOT DISTINCT FROM $5`,
      [this.keyring.seal(plain, context), row.office_number, row.url, row.secret, row.secret_sealed],
    );
    return affected > 0;
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
