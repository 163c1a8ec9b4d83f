import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not, IsNull } from 'typeorm';
import { WebhookConfiguredEvent } from '@careplan/contracts';
import { ROUTER_SCHEMA } from '../database/schema';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export interface WebhookEndpoint {
  officeNumber: string;
  url: string;
  secret: string;
  /** When the office set this endpoint: events from before then are not pushed to it. */
  configuredAt: Date;
}

/** The router's copy of the offices' webhook settings, kept from the gateway's events. */
@Injectable()
export class WebhookEndpointsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Last configuration wins; an older event arriving late changes nothing. */
  async apply(e: WebhookConfiguredEvent, m: EntityManager): Promise<void> {
    await m.query(
      `INSERT INTO "${ROUTER_SCHEMA}"."webhook_endpoints" (office_number, url, secret, configured_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (office_number) DO UPDATE
         SET url = EXCLUDED.url, secret = EXCLUDED.secret, configured_at = EXCLUDED.configured_at,
             updated_at = now()
         WHERE "webhook_endpoints".configured_at <= EXCLUDED.configured_at`,
      [e.officeNumber, e.url ?? null, e.url ? e.secret : null, e.occurredAt],
    );
  }

  /** The offices among `officeNumbers` that have an endpoint now. */
  async configured(officeNumbers: string[], m: EntityManager): Promise<WebhookEndpoint[]> {
    const rows = await m.find(WebhookEndpointEntity, {
      where: { officeNumber: In(officeNumbers), url: Not(IsNull()), secret: Not(IsNull()) },
    });
    return rows.map(toEndpoint).filter((e): e is WebhookEndpoint => e !== null);
  }

  async find(officeNumber: string): Promise<WebhookEndpoint | null> {
    const row = await this.dataSource.manager.findOne(WebhookEndpointEntity, { where: { officeNumber } });
    return row ? toEndpoint(row) : null;
  }
}

function toEndpoint(row: WebhookEndpointEntity): WebhookEndpoint | null {
  return row.url && row.secret
    ? { officeNumber: row.officeNumber, url: row.url, secret: row.secret, configuredAt: row.configuredAt }
    : null;
}
