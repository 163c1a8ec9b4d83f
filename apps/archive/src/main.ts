import 'reflect-metadata';
import { createHttpApp, listenersOf, loadEnv, rateLimitSettings, runOrExit } from '@careplan/platform';
import { AppModule } from './app.module';
import { ArchiveEnv } from './config/archive.env';
import { serveConsole } from './console/console-static';
import { CONSOLE_COOKIE } from './console-auth/console-session';
import { registerConsoleSession } from './console-auth/console-session.plugin';
import { setupOpsDocs } from './ops/ops.openapi';

runOrExit('archive', async () => {
  const env = loadEnv(ArchiveEnv);
  return createHttpApp(AppModule.register(env), {
    ...listenersOf(env),
    // The console's session cookie is a credential: its requests count per operator.
    rateLimit: { ...rateLimitSettings(env, 'archive'), credentialCookie: CONSOLE_COOKIE },
    trustProxyHops: env.TRUST_PROXY_HOPS,
    configure: async (app) => {
      await registerConsoleSession(app);
      setupOpsDocs(app);
      // The operations console (the SPA in apps/console), same origin as the operations API it calls.
      await serveConsole(app.getHttpAdapter().getInstance());
    },
  });
});
