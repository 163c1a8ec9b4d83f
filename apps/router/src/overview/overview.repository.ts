import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DeliveryChannelsDto } from '@careplan/contracts';
import { ROUTER_SCHEMA } from '../database/schema';

const S = ROUTER_SCHEMA;

// A delivery went by webhook when the push of its delivered event reached the receiver (job id: event.office).
const CHANNELS_SQL = `
  SELECT count(*)::int - count(p.job_id)::int AS pull, count(p.job_id)::int AS webhook
    FROM "${S}"."deliveries" d
    LEFT JOIN "${S}"."webhook_pushes" p
      ON p.job_id = d.event_id::text || '.' || d.receiver_office_number AND p.delivered_at IS NOT NULL
   WHERE d.created_at >= $1 AND ($2::text IS NULL OR left(d.receiver_office_number, 2) = $2)`;

const DEAD_LETTERS_SQL = `
  SELECT count(*)::int AS waiting FROM "${S}"."webhook_dead_letters"
   WHERE replayed_at IS NULL AND replay_requested_at IS NULL AND ($1::text IS NULL OR prefecture = $1)`;

/** The router's figures of the operations overview, read across deliveries, pushes and dead letters. */
@Injectable()
export class OverviewRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async deliveryChannels(since: Date, prefecture: string | null): Promise<DeliveryChannelsDto> {
    const [row] = await this.dataSource.query<DeliveryChannelsDto[]>(CHANNELS_SQL, [since, prefecture]);
    return row;
  }

  /** Dead letters waiting for an operator, as GET /internal/v1/dead-letters lists them. */
  async waitingDeadLetters(prefecture: string | null): Promise<number> {
    const [{ waiting }] = await this.dataSource.query<{ waiting: number }[]>(DEAD_LETTERS_SQL, [prefecture]);
    return waiting;
  }
}
