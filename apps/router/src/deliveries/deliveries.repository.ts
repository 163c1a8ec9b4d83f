import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { InsertStatement } from '@careplan/messaging';
import { ROUTER_SCHEMA } from '../database/schema';
import { DeliveryEntity } from './delivery.entity';

/** The deliveries table: every statement on it, each run in the caller's transaction. */
@Injectable()
export class DeliveriesRepository {
  /** Inserts the delivery unless its submission has one already (then it returns no row). */
  insertIfAbsent(d: DeliveryEntity): InsertStatement {
    return {
      text: `INSERT INTO "${ROUTER_SCHEMA}"."deliveries"
               (id, submission_id, sender_office_number, receiver_office_number, event_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      values: [d.id, d.submissionId, d.senderOfficeNumber, d.receiverOfficeNumber, d.eventId, d.createdAt],
    };
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
