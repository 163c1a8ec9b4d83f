import { DynamicModule, Module } from '@nestjs/common';
import Redis from 'ioredis';
import { coreImports, coreProviders } from '@careplan/messaging';
import { HealthController, MetricsController } from '@careplan/platform';
import { RouterEnv } from './config/router.env';
import { routerDatabase } from './database/router.database';
import { DeliveriesConsumer } from './deliveries/deliveries.consumer';
import { DeliveriesService } from './deliveries/deliveries.service';

@Module({})
export class AppModule {
  static register(env: RouterEnv, redis: Redis): DynamicModule {
    const core = {
      service: 'router',
      schema: routerDatabase.schema,
      database: routerDatabase,
      extraChecks: [{ name: 'redis', check: async () => void (await redis.ping()) }],
    };
    return {
      module: AppModule,
      imports: coreImports(env, core),
      controllers: [HealthController, MetricsController],
      providers: [
        ...coreProviders(env, core),
        { provide: Redis, useValue: redis },
        DeliveriesService,
        DeliveriesConsumer,
      ],
    };
  }
}
