import { DynamicModule, Module } from '@nestjs/common';
import Redis from 'ioredis';
import { MessagingModule } from '@careplan/messaging';
import { PersistenceModule } from '@careplan/persistence';
import { PlatformModule } from '@careplan/platform';
import { RouterConfigModule } from './config/router-config.module';
import { RouterEnv } from './config/router.env';
import { routerDatabase } from './database/router.database';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { OverviewModule } from './overview/overview.module';
import { WebhooksModule } from './webhooks/webhooks.module';

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
        RouterConfigModule.forRoot(env, redis),
        DeliveriesModule,
        WebhooksModule,
        DeadLettersModule,
        OverviewModule,
      ],
    };
  }
}
