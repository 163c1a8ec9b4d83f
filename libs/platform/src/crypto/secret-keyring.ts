import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { ValidateBy, ValidationOptions } from 'class-validator';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value that cannot be opened: unknown key id, wrong context (AAD), tampered or malformed. */
export class SealedSecretError extends Error {
  constructor(reason: string) {
    super(`sealed secret cannot be opened: ${reason}`);
    this.name = 'SealedSecretError';
  }
}

interface Key {
  id: string;
  bytes: Buffer;
}

/**
 * AES-256-GCM keys for secrets that must travel or rest outside their owner (e.g. in an event). The first key
 * seals; every key opens, so a key is rotated by putting the new one first and dropping the old one once nothing
 * sealed under it is left. The envelope `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url) names its key.
 */
export class SecretKeyring {
  private readonly keys: Key[];

  private constructor(keys: Buffer[]) {
    this.keys = keys.map((bytes) => ({ id: keyIdOf(bytes), bytes }));
  }

  /** From a comma-separated list of 32-byte keys, each in hex (64 digits) or base64; throws on a bad one. */
  static parse(spec: string): SecretKeyring {
    const keys = splitKeys(spec).map(decodeKey);
    if (keys.length === 0) throw new Error('no key');
    if (keys.some((k) => k === null)) throw new Error(`each key must be ${KEY_BYTES} bytes in hex or base64`);
    return new SecretKeyring(keys as Buffer[]);
  }

  /** Id of the key that seals now. */
  get currentKeyId(): string {
    return this.keys[0].id;
  }

  /** `aad` binds the sealed value to its context: opening it under another context fails. */
  seal(plain: string, aad: string): string {
    const key = this.keys[0];
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key.bytes, iv).setAAD(Buffer.from(aad, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, key.id, iv, data, cipher.getAuthTag()].map(segment).join('.');
  }

  open(sealed: string, aad: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SealedSecretError('not a v1 envelope');
    const [, keyId, iv, data, tag] = parts;
    const key = this.keys.find((k) => k.id === keyId);
    if (!key) throw new SealedSecretError(`unknown key id ${keyId.slice(0, 32)}`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key.bytes, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      })
        .setAAD(Buffer.from(aad, 'utf8'))
        .setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SealedSecretError('authentication failed (wrong key, context or tampered)');
    }
  }

  /** True when `sealed` is under the current key (else it is worth sealing again). */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${VERSION}.${this.currentKeyId}.`);
  }

  /** Ids of every key, the sealing one first. */
  get keyIds(): string[] {
    return this.keys.map((k) => k.id);
  }
}

function splitKeys(spec: string): string[] {
  return spec
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
}

function decodeKey(text: string): Buffer | null {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text)
      ? Buffer.from(text, 'base64')
      : null;
  return bytes?.length === KEY_BYTES ? bytes : null;
}

// Derived with the key rather than a plain hash of it: the id names the key without describing it.
function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('careplan key id').digest('hex').slice(0, 16);
}

function segment(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}

/** Config check: a comma-separated list of 32-byte keys (hex or base64), as SecretKeyring.parse takes. */
export function IsSecretKeyring(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSecretKeyring',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          try {
            SecretKeyring.parse(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: (args) =>
          `${args?.property ?? 'the key'} must be one or more comma-separated 32-byte keys, each 64 hex digits or base64 (openssl rand -base64 32)`,
      },
    },
    options,
  );
}
