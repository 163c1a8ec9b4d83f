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

interface DocumentedOperation {
  summary?: string;
  security?: unknown[];
  responses: Record<string, { description: string; content?: object }>;
}

/** Every operation of a checked-in document. */
export function operationsOf(name: 'gateway' | 'ops'): DocumentedOperation[] {
  const doc = checkedInOpenApi(name) as { paths: Record<string, Record<string, DocumentedOperation>> };
  return Object.values(doc.paths).flatMap((p) => Object.values(p));
}

/**
 * What keeps a document's operations from documenting their problems: each needs a problem+json response per
 * 4xx/5xx status naming codes that the registry (passed in: this library depends on no workspace library)
 * answers with that status. Empty when every operation does.
 */
export function undocumentedProblems(
  name: 'gateway' | 'ops',
  registry: Readonly<Record<string, { status: number }>>,
): string[] {
  const found: string[] = [];
  for (const o of operationsOf(name)) {
    const problems = Object.entries(o.responses).filter(([status]) => /^[45]/.test(status));
    if (problems.length === 0) found.push(`${o.summary ?? '?'}: no problem response`);
    for (const [status, r] of problems) {
      const types = Object.keys(r.content ?? {});
      if (types.join() !== 'application/problem+json')
        found.push(`${o.summary ?? '?'} ${status}: ${types.join()}`);
      const codes = [...r.description.matchAll(/`(\w+)`/g)].map((m) => m[1]);
      if (codes.length === 0) found.push(`${o.summary ?? '?'} ${status}: no code`);
      for (const code of codes) {
        if (registry[code]?.status !== Number(status)) found.push(`${o.summary ?? '?'} ${status}: ${code}`);
      }
    }
  }
  return found;
}
