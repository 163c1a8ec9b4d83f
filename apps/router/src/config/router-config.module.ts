import { DynamicModule, Global, Module } from '@nestjs/common';
import Redis from 'ioredis';
import { SecretKeyring } from '@careplan/platform';
import { RouterEnv } from './router.env';

/**
 * The router's typed env, the keyring derived from it, and the Redis connection main.ts opens (and
 * closes with the HTTP server) for the webhook queue and worker.
 */
@Global()
@Module({})
export class RouterConfigModule {
  static forRoot(env: RouterEnv, redis: Redis): DynamicModule {
    return {
      module: RouterConfigModule,
      providers: [
        { provide: RouterEnv, useValue: env },
        { provide: SecretKeyring, useValue: SecretKeyring.parse(env.WEBHOOK_SECRET_KEY) },
        { provide: Redis, useValue: redis },
      ],
      exports: [RouterEnv, SecretKeyring, Redis],
    };
  }
}
