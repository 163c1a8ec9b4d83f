import 'reflect-metadata';
import { createHttpApp, listenersOf, loadEnv, rateLimitSettings, runOrExit } from '@careplan/platform';
import { AppModule } from './app.module';
import { ArchiveEnv } from './config/archive.env';
import { setupOpsDocs } from './ops/ops.openapi';

runOrExit('archive', async () => {
  const env = loadEnv(ArchiveEnv);
  return createHttpApp(AppModule.register(env), {
    ...listenersOf(env),
    rateLimit: rateLimitSettings(env, 'archive'),
    trustProxyHops: env.TRUST_PROXY_HOPS,
    configure: setupOpsDocs,
  });
});
