// JSON Schema (2020-12) of the records of a file type, generated from files.json: English keys as
// properties, the Japanese item names as titles, lengths, patterns and code values as constraints.
import { TYPE_RULES, fileTypeSpec, type ColumnSpec, type FileTypeId } from './spec-data';

export interface JsonSchemaProperty {
  title: string;
  description?: string;
  type: 'string' | ['string', 'null'];
  maxLength?: number;
  pattern?: string;
  enum?: (string | null)[];
  'x-column-no': number;
  'x-required': boolean | 'uncertain';
  'x-column-type': string;
}

export interface JsonSchema {
  $schema: string;
  $id: string;
  title: string;
  description: string;
  type: 'object';
  additionalProperties: false;
  required: string[];
  properties: Record<string, JsonSchemaProperty>;
}

export const JSON_SCHEMA_BASE_ID = 'https://careplan-exchange.example/schemas/spec/v4.1/';

function property(col: ColumnSpec): JsonSchemaProperty {
  const nullable = col.required !== true;
  const p: JsonSchemaProperty = {
    title: col.nameJa,
    type: nullable ? ['string', 'null'] : 'string',
    'x-column-no': col.no,
    'x-required': col.required,
    'x-column-type': col.type,
  };
  if (col.note) p.description = col.note;
  // Uncertain lengths are not enforced as constraints (the validator only warns on them).
  if (col.maxLength !== null && !col.lengthUncertain) p.maxLength = col.maxLength;
  const rule = TYPE_RULES[col.type];
  if (rule.regex && !rule.uncertain) p.pattern = rule.regex.source;
  if (col.codes) p.enum = [...Object.keys(col.codes), ...(nullable ? [null] : [])];
  return p;
}

/** The published schema of one record of the file type (records come from parseRecords). */
export function jsonSchemaFor(fileType: FileTypeId): JsonSchema {
  const spec = fileTypeSpec(fileType);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${JSON_SCHEMA_BASE_ID}${fileType}.json`,
    title: `${spec.nameJa}（${spec.id}）`,
    description: `One record of ${spec.id}; every item is a string exactly as in the CSV, null when empty.`,
    type: 'object',
    additionalProperties: false,
    required: spec.columns.map((c) => c.key),
    properties: Object.fromEntries(spec.columns.map((c) => [c.key, property(c)])),
  };
}
