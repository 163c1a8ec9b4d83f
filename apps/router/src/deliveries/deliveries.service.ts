import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DeliveryDeliveredEvent, pairKey, SubmissionValidatedEvent } from '@careplan/contracts';
import { addToOutbox } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { ROUTER_SCHEMA } from '../database/schema';
import { deliveriesCounter } from './deliveries.metrics';
import { DeliveryEntity } from './delivery.entity';

/** Routes a validated submission into its receiver's inbox: one delivery per submission, ever. */
@Injectable()
export class DeliveriesService {
  constructor(private readonly metrics: MetricsService) {}

  async deliver(e: SubmissionValidatedEvent, m: EntityManager): Promise<void> {
    const id = randomUUID();
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(DeliveryEntity)
      .values({
        id,
        submissionId: e.submissionId,
        senderOfficeNumber: e.senderOfficeNumber,
        receiverOfficeNumber: e.receiverOfficeNumber,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    if ((inserted.raw as unknown[]).length === 0) return; // already delivered under another event id
    const event = Object.assign(new DeliveryDeliveredEvent(), {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      deliveryId: id,
      submissionId: e.submissionId,
      senderOfficeNumber: e.senderOfficeNumber,
      receiverOfficeNumber: e.receiverOfficeNumber,
      files: e.files,
    });
    await addToOutbox(
      m,
      ROUTER_SCHEMA,
      DeliveryDeliveredEvent,
      pairKey(e.senderOfficeNumber, e.receiverOfficeNumber),
      event,
    );
    deliveriesCounter(this.metrics).inc({ channel: 'inbox', outcome: 'delivered' });
  }
}
