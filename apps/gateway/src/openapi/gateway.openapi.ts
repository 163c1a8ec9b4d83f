import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { JsonBundleBody } from '../submissions/dto/json-bundle.body';
import { JSON_BUNDLE_ROUTES } from '../submissions/json-bundle-limit';

/** The vendor API's OpenAPI: served at /openapi.json (UI at /docs) and checked in as openapi/gateway.json. */
export function gatewayOpenApi(app: INestApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('careplan-exchange gateway')
      .setDescription('REST API for care software: send bundles, follow their status, receive deliveries.')
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      // Relative: the document is served by the API it describes, wherever that is deployed.
      .addServer('/')
      .addApiKey(
        { type: 'apiKey', in: 'header', name: 'X-API-Key', description: "the office's API key" },
        'apiKey',
      )
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'an access token from POST /v1/auth/token (60 minutes; keys at /.well-known/jwks.json)',
        },
        'accessToken',
      )
      .addBasicAuth(
        {
          type: 'http',
          scheme: 'basic',
          description: 'POST /v1/auth/token only: client_id (or empty) and the API key as password',
        },
        'clientBasic',
      )
      .build(),
    { extraModels: [JsonBundleBody] },
  );
  return withJsonBundleBodies(doc);
}

/**
 * @ApiBody gives every content type of an operation one schema: the JSON bundle routes get theirs here, beside
 * the multipart one.
 */
function withJsonBundleBodies(doc: OpenAPIObject): OpenAPIObject {
  for (const path of JSON_BUNDLE_ROUTES) {
    const body = doc.paths[path]?.post?.requestBody;
    if (body && 'content' in body && body.content['application/json'])
      body.content['application/json'] = { schema: { $ref: getSchemaPath(JsonBundleBody) } };
  }
  return doc;
}
