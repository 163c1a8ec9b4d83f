import { DynamicModule, Module } from '@nestjs/common';
import Redis from 'ioredis';
import { MessagingModule } from '@careplan/messaging';
import { PersistenceModule } from '@careplan/persistence';
import { PlatformModule, SecretKeyring } from '@careplan/platform';
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
import { RedisReadiness } from './webhooks/redis.readiness';
import { WebhookQueue } from './webhooks/webhook.queue';
import { WebhookWorker } from './webhooks/webhook.worker';

@Module({})
export class AppModule {
  static register(env: RouterEnv, redis: Redis): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'router',
          logLevel: env.LOG_LEVEL,
          internalToken: env.INTERNAL_TOKEN,
        }),
        PersistenceModule.forRoot(env.DATABASE_URL, routerDatabase),
        MessagingModule.forRoot(env, { service: 'router', schema: routerDatabase.schema }),
      ],
      controllers: [DeadLettersController],
      providers: [
        { provide: Redis, useValue: redis },
        RedisReadiness,
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
