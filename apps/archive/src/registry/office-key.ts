import { createHash, randomBytes } from 'node:crypto';

// Same format and hash as the gateway's own keys (apps/gateway/src/offices/api-key.ts): the gateway
// authenticates operator-issued keys from the hash carried by ApiKeyIssuedEvent.
const KEY_PREFIX = 'cpx_';

export function newOfficeKey(): { key: string; hash: string; prefix: string } {
  const key = KEY_PREFIX + randomBytes(24).toString('base64url');
  return { key, hash: createHash('sha256').update(key, 'utf8').digest('hex'), prefix: key.slice(0, 12) };
}
