import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The vendor API's OpenAPI: served at /openapi.json (UI at /docs) and checked in as openapi/gateway.json. */
export function gatewayOpenApi(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('careplan-exchange gateway')
      .setDescription('REST API for care software: send bundles, follow their status, receive deliveries.')
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      // Relative: the document is served by the API it describes, wherever that is deployed.
      .addServer('/')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey')
      .build(),
  );
}
