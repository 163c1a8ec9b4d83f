import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The operations API's OpenAPI: served at /ops/openapi.json (UI at /ops/docs), checked in as openapi/ops.json. */
export function opsOpenApi(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('careplan-exchange operations')
      .setDescription(
        'For federation operators (国保連合会 / 国保中央会): offices, keys, licenses, campaigns, billing, adoption, dead letters.',
      )
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      // Relative: the document is served by the API it describes, wherever that is deployed.
      .addServer('/')
      .addBearerAuth()
      .build(),
  );
}

/** Vendors never see this document: it is served by the archive only. */
export function setupOpsDocs(app: NestFastifyApplication): void {
  SwaggerModule.setup('ops/docs', app, opsOpenApi(app), { jsonDocumentUrl: 'ops/openapi.json' });
}
