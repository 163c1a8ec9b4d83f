import 'reflect-metadata';
import Redis from 'ioredis';
import { createHttpApp, listenersOf, loadEnv, runOrExit } from '@careplan/platform';
import { AppModule } from './app.module';
import { RouterEnv } from './config/router.env';

runOrExit('router', async () => {
  const env = loadEnv(RouterEnv);
  // BullMQ needs maxRetriesPerRequest: null on the connections it uses.
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: false });
  const app = await createHttpApp(AppModule.register(env, redis), listenersOf(env));
  app.getHttpServer().on('close', () => redis.disconnect());
  return app;
});
