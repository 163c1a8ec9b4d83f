import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ROUTER_SCHEMA } from '../database/schema';

const S = ROUTER_SCHEMA;

/** What the router keeps of one office's webhook, read across endpoints, pushes and dead letters. */
export interface OfficeWebhookRow {
  url: string | null;
  /** True when a secret (plain or sealed) is stored beside the URL. */
  has_secret: boolean;
  configured_at: Date | null;
  last_delivered_at: Date | null;
  last_failed_at: Date | null;
  last_error: string | null;
  waiting: number;
}

// One row whatever the office has: each figure a scalar subquery, served by the per-office indexes.
const OFFICE_WEBHOOK_SQL = `
  SELECT e.url, (e.secret IS NOT NULL OR e.secret_sealed IS NOT NULL) AS has_secret, e.configured_at,
         (SELECT max(p.delivered_at) FROM "${S}"."webhook_pushes" p
           WHERE p.office_number = $1 AND p.delivered_at IS NOT NULL) AS last_delivered_at,
         f.failed_at AS last_failed_at, f.last_error,
         (SELECT count(*)::int FROM "${S}"."webhook_dead_letters" w
           WHERE w.office_number = $1 AND w.replayed_at IS NULL AND w.replay_requested_at IS NULL) AS waiting
    FROM (SELECT $1::varchar AS office_number) o
    LEFT JOIN "${S}"."webhook_endpoints" e ON e.office_number = o.office_number
    LEFT JOIN LATERAL (
      SELECT d.failed_at, d.last_error FROM "${S}"."webhook_dead_letters" d
       WHERE d.office_number = o.office_number ORDER BY d.failed_at DESC LIMIT 1) f ON true`;

/** The operations console's view of one office's webhook. */
@Injectable()
export class OfficeWebhookRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(officeNumber: string): Promise<OfficeWebhookRow> {
    const [row] = await this.dataSource.query<OfficeWebhookRow[]>(OFFICE_WEBHOOK_SQL, [officeNumber]);
    return row;
  }
}
