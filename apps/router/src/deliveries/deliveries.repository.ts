import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ROUTER_SCHEMA } from '../database/schema';
import { DeliveryEntity } from './delivery.entity';

/** The deliveries table: every statement on it, each run in the caller's transaction. */
@Injectable()
export class DeliveriesRepository {
  /** Inserts the delivery unless its submission has one already; false when it had. */
  async insertIfAbsent(m: EntityManager, d: DeliveryEntity): Promise<boolean> {
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(DeliveryEntity)
      .values(d)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  findBySubmissionId(m: EntityManager, submissionId: string): Promise<DeliveryEntity | null> {
    return m.findOneBy(DeliveryEntity, { submissionId });
  }

  /** Sets the delivery's event id if it has none (a row from before ids were kept); returns the one kept. */
  async keepEventId(m: EntityManager, deliveryId: string, candidate: string): Promise<string> {
    const [[row]] = await m.query<[{ event_id: string }[], number]>(
      `UPDATE "${ROUTER_SCHEMA}"."deliveries" SET event_id = COALESCE(event_id, $2) WHERE id = $1 RETURNING event_id`,
      [deliveryId, candidate],
    );
    return row.event_id;
  }
}
