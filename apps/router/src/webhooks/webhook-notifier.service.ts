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
// Tolerated clock difference between the service that set the endpoint and the one that emitted the event.
const CLOCK_SKEW_MS = 60_000;

/**
 * An endpoint receives what happens after it was set, not the history before it: a consumer group that
 * starts from the beginning of the topics (a new router deployment) must not push old events.
 */
export function happenedSinceConfigured(occurredAt: string, configuredAt: Date): boolean {
  return new Date(occurredAt).getTime() >= configuredAt.getTime() - CLOCK_SKEW_MS;
}

@Injectable()
export class WebhookNotifierService {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly queue: WebhookQueue,
  ) {}

  /**
   * Per notification, whether it would push nothing (no recipient has an endpoint set before it happened), in
   * one read for all: the consumer passes those over without a transaction.
   */
  async idle(notifications: WebhookNotification[]): Promise<boolean[]> {
    const targets = await this.endpoints.configured([...new Set(notifications.flatMap((n) => n.recipients))]);
    const since = new Map(targets.map((t) => [t.officeNumber, t.configuredAt]));
    return notifications.map(
      (n) =>
        !n.recipients.some((r) => {
          const at = since.get(r);
          return at !== undefined && happenedSinceConfigured(n.occurredAt, at);
        }),
    );
  }

  async notify(n: WebhookNotification, m: EntityManager): Promise<void> {
    const targets = await this.endpoints.configured([...new Set(n.recipients)], m);
    for (const target of targets.filter((t) => happenedSinceConfigured(n.occurredAt, t.configuredAt))) {
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
