import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The operations API's own OpenAPI at /ops/docs (JSON at /ops/openapi.json); vendors never see it. */
export function setupOpsDocs(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('careplan-exchange operations')
      .setDescription(
        'For federation operators (国保連合会 / 国保中央会): offices, keys, licenses, campaigns, billing, adoption, dead letters.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('ops/docs', app, document, { jsonDocumentUrl: 'ops/openapi.json' });
}
