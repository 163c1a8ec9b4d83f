import { Module } from '@nestjs/common';
import { RedisReadiness } from './redis.readiness';
import { WebhookQueue } from './webhook.queue';

/**
 * The BullMQ queue of webhook pushes and its Redis readiness: the webhook worker takes jobs from it and dead
 * letters put replays back on it, so both import this instead of each other.
 */
@Module({ providers: [WebhookQueue, RedisReadiness], exports: [WebhookQueue] })
export class WebhookQueueModule {}
