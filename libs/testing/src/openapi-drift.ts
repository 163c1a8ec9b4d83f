import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's checked-in OpenAPI document `openapi/<name>.json`, parsed. */
export function checkedInOpenApi(name: 'gateway' | 'ops'): unknown {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'openapi', `${name}.json`), 'utf8'));
}

/** A generated document as its JSON file holds it (undefined fields dropped), for a deep comparison. */
export function asWritten(document: unknown): unknown {
  return JSON.parse(JSON.stringify(document));
}
