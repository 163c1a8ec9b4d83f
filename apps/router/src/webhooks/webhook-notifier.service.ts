import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookNotification } from './webhook-notifications';
import { WebhookQueue } from './webhook.queue';

/**
 * Turns a lifecycle event into one `webhook-delivery` job per recipient with an endpoint. Called
 * inside the consumer's transaction: if that rolls back, the redelivered event enqueues again under
 * the same job ids, which BullMQ ignores.
 */
@Injectable()
export class WebhookNotifierService {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly queue: WebhookQueue,
  ) {}

  async notify(n: WebhookNotification, m: EntityManager): Promise<void> {
    const targets = await this.endpoints.configured([...new Set(n.recipients)], m);
    for (const target of targets) {
      await this.queue.enqueue({
        eventId: n.eventId,
        type: n.type,
        occurredAt: n.occurredAt,
        officeNumber: target.officeNumber,
        submissionId: n.submissionId,
        deliveryId: n.deliveryId,
        data: n.data,
      });
    }
  }
}
