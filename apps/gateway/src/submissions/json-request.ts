import { BadRequestException, ValidationPipe } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { JsonBundleBody } from './dto/json-bundle.body';
import { renderJsonBundle } from './json-bundle';
import type { UploadedBundle, UploadLimits } from './multipart';

// The global pipe's settings: these routes read their body themselves, because multipart has none for it.
const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

/** The request carries a JSON bundle (POST /v1/submissions and /v1/validate take multipart or JSON). */
export function isJsonRequest(req: FastifyRequest): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}

/** Checks the JSON body (the DTO, then each document's records) and renders it into the multipart reader's bundle. */
export async function readJsonBundle(
  req: FastifyRequest,
  limits: UploadLimits,
  sender: string,
  serial: string,
): Promise<UploadedBundle> {
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))
    throw new BadRequestException(['the body must be a JSON object']);
  const body = (await pipe.transform(req.body, { type: 'body', metatype: JsonBundleBody })) as JsonBundleBody;
  return renderJsonBundle(body, sender, serial, limits);
}
