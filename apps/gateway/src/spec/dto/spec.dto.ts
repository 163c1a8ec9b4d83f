import { ApiProperty } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';

export class FileTypeSummaryDto {
  @ApiProperty({ example: 'UP1KYO', description: 'the file type id used across the API' }) id!: string;
  @ApiProperty({ example: '居宅サービス計画1表' }) nameJa!: string;
  @ApiProperty({ example: 'UP1KYO', description: "the file name's prefix" }) prefix!: string;
  @ApiProperty({ example: 'UP1KYO_0300000100_43_0300000005_11_20191025200201.CSV' }) fileNameExample!: string;
  @ApiProperty({ type: 'integer', description: 'items (columns) of one record' }) columns!: number;
  @ApiProperty({ example: '/v1/spec/schemas/UP1KYO', description: "the file type's JSON Schema" })
  schemaUrl!: string;
}

/** The media type of GET /v1/spec/schemas/{fileType}: a JSON Schema document, not an API object. */
export const JSON_SCHEMA_MEDIA_TYPE = 'application/schema+json';

/** The outline of what jsonSchemaFor publishes (one record of a file type), for the OpenAPI document. */
export const RECORD_SCHEMA_OUTLINE: SchemaObject = {
  type: 'object',
  required: ['$schema', '$id', 'title', 'type', 'properties'],
  properties: {
    $schema: { type: 'string', example: 'https://json-schema.org/draft/2020-12/schema' },
    $id: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    description: { type: 'string' },
    type: { type: 'string', enum: ['object'] },
    additionalProperties: { type: 'boolean' },
    required: { type: 'array', items: { type: 'string' } },
    properties: {
      type: 'object',
      description: 'one JSON Schema per item, keyed by its English name; the Japanese item name is its title',
      additionalProperties: { type: 'object' },
    },
  },
};
