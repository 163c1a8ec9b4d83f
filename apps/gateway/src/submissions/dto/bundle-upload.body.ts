import type { SchemaObject } from '@nestjs/swagger';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';

const files: SchemaObject = {
  type: 'array',
  items: { type: 'string', format: 'binary' },
  description:
    'the bundle: standard CSV files (MS932, named as the standard says) and attachments (PDF, JPEG/JPG, GIF, PNG, ' +
    'TXT); repeat the field once per file, in any field name but `to`',
};

/** The multipart body of POST /v1/submissions: the receiving office and the files. */
export const SUBMISSION_BODY: SchemaObject = {
  type: 'object',
  required: ['to', 'files'],
  properties: {
    to: { type: 'string', pattern: OFFICE_NUMBER_PATTERN.source, description: 'receiving office number' },
    files,
  },
};

/** The multipart body of POST /v1/validate: only the files (a `to` is accepted and ignored). */
export const VALIDATE_BODY: SchemaObject = { type: 'object', required: ['files'], properties: { files } };
