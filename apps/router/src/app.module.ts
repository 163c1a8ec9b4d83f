import { DynamicModule, Module } from '@nestjs/common';
import Redis from 'ioredis';
import { coreImports, coreProviders } from '@careplan/messaging';
import { HealthController, MetricsController, SecretKeyring } from '@careplan/platform';
import { RouterEnv } from './config/router.env';
import { routerDatabase } from './database/router.database';
import { DeliveriesConsumer } from './deliveries/deliveries.consumer';
import { DeliveriesService } from './deliveries/deliveries.service';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { DeadLettersService } from './dead-letters/dead-letters.service';
import { WebhookDeliveryProcessor } from './webhooks/webhook-delivery.processor';
import { WebhookEndpointsService } from './webhooks/webhook-endpoints.service';
import { WebhookEventsConsumer } from './webhooks/webhook-events.consumer';
import { WebhookNotifierService } from './webhooks/webhook-notifier.service';
import { WebhookPushesService } from './webhooks/webhook-pushes.service';
import { WebhookQueue } from './webhooks/webhook.queue';
import { WebhookWorker } from './webhooks/webhook.worker';

@Module({})
export class AppModule {
  static register(env: RouterEnv, redis: Redis): DynamicModule {
    const core = {
      service: 'router',
      schema: routerDatabase.schema,
      database: routerDatabase,
      // Without Redis only webhook pushes wait (BullMQ); deliveries go on: degraded, not unready.
      extraChecks: [{ name: 'redis', critical: false, check: async () => void (await redis.ping()) }],
    };
    return {
      module: AppModule,
      imports: coreImports(env, core),
      controllers: [HealthController, MetricsController, DeadLettersController],
      providers: [
        ...coreProviders(env, core),
        { provide: Redis, useValue: redis },
        DeliveriesService,
        DeliveriesConsumer,
        { provide: RouterEnv, useValue: env },
        { provide: SecretKeyring, useValue: SecretKeyring.parse(env.WEBHOOK_SECRET_KEY) },
        WebhookEndpointsService,
        WebhookQueue,
        WebhookNotifierService,
        DeadLettersService,
        WebhookPushesService,
        WebhookDeliveryProcessor,
        WebhookWorker,
        WebhookEventsConsumer,
      ],
    };
  }
}
