import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DeliveryDeliveredEvent, pairKey, SubmissionValidatedEvent } from '@careplan/contracts';
import { addToOutbox, insertThenAddToOutbox, stampEvent } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { ROUTER_SCHEMA } from '../database/schema';
import { deliveriesCounter } from './deliveries.metrics';
import { DeliveriesRepository } from './deliveries.repository';

/** Routes a validated submission into its receiver's inbox: one delivery per submission, ever. */
@Injectable()
export class DeliveriesService {
  private readonly logger = new Logger(DeliveriesService.name);

  constructor(
    private readonly metrics: MetricsService,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  async deliver(e: SubmissionValidatedEvent, m: EntityManager): Promise<void> {
    const id = randomUUID();
    const event = deliveredEvent(e, id, randomUUID(), new Date());
    const delivery = {
      id,
      submissionId: e.submissionId,
      senderOfficeNumber: e.senderOfficeNumber,
      receiverOfficeNumber: e.receiverOfficeNumber,
      eventId: event.eventId,
      createdAt: new Date(event.occurredAt),
    };
    // The delivery and its event in one statement: the event only if the delivery is new.
    const delivered = await insertThenAddToOutbox(
      m,
      ROUTER_SCHEMA,
      this.deliveries.insertIfAbsent(delivery),
      DeliveryDeliveredEvent,
      pairKey(e.senderOfficeNumber, e.receiverOfficeNumber),
      event,
    );
    if (!delivered) {
      // Already delivered under another event id (a re-drive): say so again rather than deliver twice.
      await this.republish(e, m);
      return;
    }
    deliveriesCounter(this.metrics).inc({ channel: 'inbox', outcome: 'delivered' });
  }

  /**
   * Publishes again the delivered event of the event's submission, under its original id, so that a
   * consumer that missed it (the gateway's inbox) applies it and the others change nothing.
   */
  async republish(e: SubmissionValidatedEvent, m: EntityManager): Promise<void> {
    const stored = await this.deliveries.findBySubmissionId(m, e.submissionId);
    if (!stored) return;
    // A delivery made before event ids were kept gets one now, kept for every later re-publication.
    const eventId = stored.eventId ?? (await this.deliveries.keepEventId(m, stored.id, randomUUID()));
    await this.publish(e, stored.id, eventId, stored.createdAt, m);
    this.logger.log({ submissionId: e.submissionId, eventId }, 're-published the delivery');
  }

  private async publish(
    e: SubmissionValidatedEvent,
    deliveryId: string,
    eventId: string,
    at: Date,
    m: EntityManager,
  ): Promise<void> {
    const key = pairKey(e.senderOfficeNumber, e.receiverOfficeNumber);
    await addToOutbox(
      m,
      ROUTER_SCHEMA,
      DeliveryDeliveredEvent,
      key,
      deliveredEvent(e, deliveryId, eventId, at),
    );
  }
}

/** The delivered event of a validated submission (new, or re-published under its original id and time). */
function deliveredEvent(
  e: SubmissionValidatedEvent,
  deliveryId: string,
  eventId: string,
  at: Date,
): DeliveryDeliveredEvent {
  return stampEvent(
    DeliveryDeliveredEvent,
    {
      deliveryId,
      submissionId: e.submissionId,
      senderOfficeNumber: e.senderOfficeNumber,
      receiverOfficeNumber: e.receiverOfficeNumber,
      files: e.files,
    },
    { eventId, occurredAt: at },
  );
}
