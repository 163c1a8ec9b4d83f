import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * A service's OpenAPI document without starting it: Nest's preview mode builds the module graph (routes, DTOs)
 * but instantiates no provider, so no database or broker is needed. The same `build` serves the running app.
 */
export async function openApiDocumentOf(
  module: DynamicModule,
  build: (app: INestApplication) => OpenAPIObject,
): Promise<OpenAPIObject> {
  const app = await NestFactory.create(module, new FastifyAdapter(), { preview: true, logger: false });
  try {
    return build(app);
  } finally {
    await app.close();
  }
}

/** Prints the document as the checked-in files hold it (openapi/*.json), for `npm run openapi`. */
export async function printOpenApiDocument(
  module: DynamicModule,
  build: (app: INestApplication) => OpenAPIObject,
): Promise<void> {
  const document = await openApiDocumentOf(module, build);
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}
