import 'reflect-metadata';
import multipart from '@fastify/multipart';
import { SwaggerModule } from '@nestjs/swagger';
import { createHttpApp, listenersOf, loadEnv, rateLimitSettings, runOrExit } from '@careplan/platform';
import { AppModule } from './app.module';
import { useTokenRequestForms } from './auth/token-form.parser';
import { GatewayEnv } from './config/gateway.env';
import { raiseJsonBundleBodyLimit } from './submissions/json-bundle-limit';
import { gatewayOpenApi } from './openapi/gateway.openapi';

runOrExit('gateway', async () => {
  const env = loadEnv(GatewayEnv);
  return createHttpApp(AppModule.register(env), {
    ...listenersOf(env),
    rateLimit: rateLimitSettings(env, 'gateway'),
    trustProxyHops: env.TRUST_PROXY_HOPS,
    configure: async (app) => {
      raiseJsonBundleBodyLimit(app.getHttpAdapter().getInstance(), env.MAX_BUNDLE_BYTES);
      useTokenRequestForms(app);
      await app.register(multipart, {
        limits: { fileSize: env.MAX_FILE_BYTES, files: env.MAX_FILES, fieldSize: 1024, fields: 20 },
      });
      SwaggerModule.setup('docs', app, gatewayOpenApi(app), { jsonDocumentUrl: 'openapi.json' });
    },
  });
});
