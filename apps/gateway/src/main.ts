import 'reflect-metadata';
import multipart from '@fastify/multipart';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createHttpApp, listenersOf, loadEnv, rateLimitSettings, runOrExit } from '@careplan/platform';
import { AppModule } from './app.module';
import { GatewayEnv } from './config/gateway.env';

runOrExit('gateway', async () => {
  const env = loadEnv(GatewayEnv);
  return createHttpApp(AppModule.register(env), {
    ...listenersOf(env),
    rateLimit: rateLimitSettings(env, 'gateway'),
    trustProxyHops: env.TRUST_PROXY_HOPS,
    configure: async (app) => {
      await app.register(multipart, {
        limits: { fileSize: env.MAX_FILE_BYTES, files: env.MAX_FILES, fieldSize: 1024, fields: 20 },
      });
      const document = SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('careplan-exchange gateway')
          .setDescription(
            'REST API for care software: send bundles, follow their status, receive deliveries.',
          )
          .setVersion('1')
          .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey')
          .build(),
      );
      SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
    },
  });
});
