// The one definition of the bytes a receipt's signature covers: the archive signs them, @careplan/client verifies.
/**
 * Canonical JSON of a value: object keys sorted by UTF-16 code units, no whitespace, strings and numbers as
 * JSON.stringify writes them, undefined members left out. For JSON data this is RFC 8785 (JCS): the exact bytes a
 * receipt's signature covers, reproducible with `jq -cjS` for receipts (ASCII keys, integers, no control characters).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const members = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
    return `{${members.join(',')}}`;
  }
  throw new Error(`canonical JSON cannot hold a ${typeof value}`);
}
