import 'reflect-metadata';
import { createHttpApp, listenersOf, loadEnv, rateLimitSettings, runOrExit } from '@careplan/platform';
import { AppModule } from './app.module';
import { ArchiveEnv } from './config/archive.env';
import { serveConsole } from './console/console-static';
import { setupOpsDocs } from './ops/ops.openapi';

runOrExit('archive', async () => {
  const env = loadEnv(ArchiveEnv);
  return createHttpApp(AppModule.register(env), {
    ...listenersOf(env),
    rateLimit: rateLimitSettings(env, 'archive'),
    trustProxyHops: env.TRUST_PROXY_HOPS,
    configure: async (app) => {
      setupOpsDocs(app);
      // The operations console (the SPA in apps/console), same origin as the operations API it calls.
      await serveConsole(app.getHttpAdapter().getInstance());
    },
  });
});
