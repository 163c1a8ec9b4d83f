import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { ROUTER_SCHEMA } from '../database/schema';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

const TABLE = `"${ROUTER_SCHEMA}"."webhook_endpoints"`;

/** A stored endpoint's secret as it is at rest: plain (from before sealing) or sealed. */
export interface StoredSecretRow {
  office_number: string;
  url: string;
  secret: string | null;
  secret_sealed: string | null;
}

export interface EndpointConfiguration {
  officeNumber: string;
  url: string | null;
  secretSealed: string | null;
  configuredAt: string | Date;
}

/** The router's webhook_endpoints table: every statement on it. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores the configuration unless the office's stored one was configured later (last one wins). */
  async upsertUnlessNewer(m: EntityManager, c: EndpointConfiguration): Promise<void> {
    await m.query(
      `INSERT INTO ${TABLE} (office_number, url, secret, secret_sealed, configured_at)
       VALUES ($1, $2, NULL, $3, $4)
       ON CONFLICT (office_number) DO UPDATE
         SET url = EXCLUDED.url, secret = NULL, secret_sealed = EXCLUDED.secret_sealed,
             configured_at = EXCLUDED.configured_at, updated_at = now()
         WHERE "webhook_endpoints".configured_at <= EXCLUDED.configured_at`,
      [c.officeNumber, c.url, c.secretSealed, c.configuredAt],
    );
  }

  /**
   * The endpoints among `officeNumbers` with a URL and a secret (plain or sealed), only number and date; read
   * outside a transaction when `m` is undefined.
   */
  findConfigured(
    m: EntityManager | undefined,
    officeNumbers: string[],
  ): Promise<Pick<WebhookEndpointEntity, 'officeNumber' | 'configuredAt'>[]> {
    return (m ?? this.dataSource.manager).find(WebhookEndpointEntity, {
      select: { officeNumber: true, configuredAt: true },
      where: [
        { officeNumber: In(officeNumbers), url: Not(IsNull()), secretSealed: Not(IsNull()) },
        { officeNumber: In(officeNumbers), url: Not(IsNull()), secret: Not(IsNull()) },
      ],
    });
  }

  findByOfficeNumber(officeNumber: string): Promise<WebhookEndpointEntity | null> {
    return this.dataSource.manager.findOne(WebhookEndpointEntity, { where: { officeNumber } });
  }

  /** Endpoints whose secret is plain or sealed under another key than `currentKeyId`. */
  findNotSealedUnder(currentKeyId: string): Promise<StoredSecretRow[]> {
    return this.dataSource.query<StoredSecretRow[]>(
      `SELECT office_number, url, secret, secret_sealed FROM ${TABLE}
       WHERE url IS NOT NULL AND (secret IS NOT NULL OR secret_sealed NOT LIKE $1)`,
      [`v1.${currentKeyId}.%`],
    );
  }

  /** Replaces the row's secret by `sealed` only if the row is still as read; false when it changed. */
  async resealIfUnchanged(row: StoredSecretRow, sealed: string): Promise<boolean> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `UPDATE ${TABLE} SET secret = NULL, secret_sealed = $1
       WHERE office_number = $2 AND url = $3 AND secret IS NOT DISTINCT FROM $4
         AND secret_sealed IS NOT DISTINCT FROM $5`,
      [sealed, row.office_number, row.url, row.secret, row.secret_sealed],
    );
    return affected > 0;
  }
}
