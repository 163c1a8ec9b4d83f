import type { SchemaObject } from '@nestjs/swagger';

/** The OpenAPI schema of a download's bytes (a file, a ZIP, a CSV in UTF-8 or MS932, a PDF). */
export const BINARY: SchemaObject = { type: 'string', format: 'binary' };
