import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'cpx_';

/** A new API key: shown once to its owner; only the hash is stored. */
export function newApiKey(): { key: string; hash: string; prefix: string } {
  const key = KEY_PREFIX + randomBytes(24).toString('base64url');
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 12) };
}

/** Keys are 192 random bits, so a plain sha256 is enough: no dictionary to slow down. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
