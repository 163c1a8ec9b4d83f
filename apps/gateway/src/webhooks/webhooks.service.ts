import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { WebhookConfiguredEvent, webhookSecretContext } from '@careplan/contracts';
import { inTransactionThenNudge, OutboxRelay, publishEvent } from '@careplan/messaging';
import { forbiddenLiteralHost, SecretKeyring } from '@careplan/platform';
import { advisoryLock } from '@careplan/persistence';
import { GatewayEnv } from '../config/gateway.env';
import { GATEWAY_SCHEMA } from '../database/schema';
import { OfficesRepository } from '../offices/offices.repository';
import { OfficeErrors } from '../offices/offices.errors';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { ConfiguredWebhookDto, WebhookDto } from './dto/webhook.dto';
import { isWebhookUrl } from './webhook-url';
import { WebhookErrors } from './webhooks.errors';
import { WebhooksRepository } from './webhooks.repository';

/** An office's webhook endpoint: set, read and removed here, pushed to by the router. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly keyring: SecretKeyring,
    private readonly env: GatewayEnv,
    private readonly webhooks: WebhooksRepository,
    private readonly offices: OfficesRepository,
  ) {}

  /** Sets (or replaces) the endpoint with a new signing secret, shown only in this answer. */
  async configure(office: AuthenticatedOffice, url: string): Promise<ConfiguredWebhookDto> {
    if (!isWebhookUrl(url)) throw WebhookErrors.urlInvalid(url);
    // The router refuses such a target at every push anyway; the office should hear it now (names: at push).
    const forbidden = forbiddenLiteralHost(new URL(url), this.env.webhookAddressPolicy());
    if (forbidden) throw WebhookErrors.urlPrivate(url, forbidden);
    const secret = `whsec_${randomBytes(32).toString('hex')}`;
    const createdAt = await inTransactionThenNudge(this.dataSource, this.relay, async (m) => {
      const at = await this.lockedNow(m, office.officeNumber);
      // As for new keys: a deactivated office sets no new endpoint (it could still authenticate).
      const current = await this.offices.find(office.officeNumber, m);
      if (!current?.active) throw OfficeErrors.officeInactive(office.officeNumber);
      await this.webhooks.upsert(m, office.officeNumber, url, at);
      await this.publish(m, office.officeNumber, url, secret, at);
      return at;
    });
    return { url, secret, createdAt: createdAt.toISOString() };
  }

  async get(office: AuthenticatedOffice): Promise<WebhookDto> {
    const hook = await this.webhooks.findByOffice(office.officeNumber);
    if (!hook) throw WebhookErrors.notConfigured();
    return { url: hook.url, createdAt: hook.createdAt.toISOString() };
  }

  /** Removing an endpoint that is not there changes nothing (DELETE is idempotent). */
  async remove(office: AuthenticatedOffice): Promise<void> {
    await inTransactionThenNudge(this.dataSource, this.relay, async (m) => {
      const at = await this.lockedNow(m, office.officeNumber);
      if (await this.webhooks.deleteByOffice(m, office.officeNumber))
        await this.publish(m, office.officeNumber, null, null, at);
    });
  }

  /**
   * Serialises an office's webhook changes and dates each one after the previous one committed: the
   * router keeps the latest configuredAt, so time order must be commit order (else a slower PUT that
   * commits last would show here while the router pushes to the other URL with the other secret).
   */
  private async lockedNow(m: EntityManager, officeNumber: string): Promise<Date> {
    await advisoryLock(m, `webhook:${officeNumber}`);
    return new Date();
  }

  private publish(
    m: EntityManager,
    officeNumber: string,
    url: string | null,
    secret: string | null,
    at: Date,
  ): Promise<WebhookConfiguredEvent> {
    // Keyed by office: its configuration changes reach the router in the order they were made.
    return publishEvent(
      m,
      GATEWAY_SCHEMA,
      WebhookConfiguredEvent,
      officeNumber,
      {
        officeNumber,
        url,
        // Sealed to the office and URL: the topic and its .dlq are retained, the plain secret goes only to the office.
        secretSealed:
          url && secret ? this.keyring.seal(secret, webhookSecretContext(officeNumber, url)) : null,
      },
      { occurredAt: at },
    );
  }
}
