import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';

/** An Ed25519 signing key and what verifiers are told of it. */
export interface Ed25519Key {
  /** First 16 hex characters of the sha256 of the public key's DER (SubjectPublicKeyInfo). */
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

export function ed25519KeyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function ed25519KeyOf(privateKey: KeyObject): Ed25519Key {
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: ed25519KeyIdOf(publicKey),
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Reads a configured key ("\n" escapes allowed); a wrong one stops the service at start, naming the variable. */
export function configuredEd25519Key(pem: string, variable: string): Ed25519Key | null {
  if (pem.trim() === '') return null;
  let key: KeyObject;
  try {
    key = createPrivateKey(pem.replace(/\\n/g, '\n'));
  } catch {
    throw new Error(`${variable} is not a PEM private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${variable} must be an Ed25519 private key`);
  return ed25519KeyOf(key);
}

interface KeyRow {
  key_id: string;
  public_key_pem: string;
  private_key_pem: string;
}

/**
 * A service's table of generated signing keys (key_id, algorithm, public_key_pem, private_key_pem, created_at),
 * which a single-row index keeps to one row: a second instance's insert is a no-op and both read the winner.
 */
export class Ed25519KeyTable {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    table: string,
  ) {
    this.table = `"${schema}"."${table}"`;
  }

  async publicKeyPem(keyId: string): Promise<string | null> {
    const rows = await this.dataSource.query<Pick<KeyRow, 'public_key_pem'>[]>(
      `SELECT "public_key_pem" FROM ${this.table} WHERE "key_id" = $1`,
      [keyId],
    );
    return rows[0]?.public_key_pem ?? null;
  }

  async first(): Promise<Ed25519Key | null> {
    const rows = await this.dataSource.query<KeyRow[]>(
      `SELECT "key_id", "public_key_pem", "private_key_pem" FROM ${this.table} ORDER BY "created_at" LIMIT 1`,
    );
    return rows[0] ? ed25519KeyOf(createPrivateKey(rows[0].private_key_pem)) : null;
  }

  async insertUnlessOne(key: Ed25519Key): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${this.table} ("key_id", "algorithm", "public_key_pem", "private_key_pem")
       VALUES ($1, 'Ed25519', $2, $3) ON CONFLICT DO NOTHING`,
      [key.keyId, key.publicKeyPem, key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
    );
  }
}

/**
 * The key a service signs with: the configured one when there is one, else the one kept in its key table,
 * generated on first use; concurrent first uses by several instances converge on one stored key.
 */
export class Ed25519KeySource {
  private stored: Promise<Ed25519Key> | null = null;

  constructor(
    private readonly configured: Ed25519Key | null,
    private readonly keys: Ed25519KeyTable,
    private readonly what: string,
  ) {}

  signingKey(): Promise<Ed25519Key> {
    if (this.configured) return Promise.resolve(this.configured);
    this.stored ??= this.loadOrCreate().catch((e: unknown) => {
      this.stored = null; // a database hiccup must not poison the cache
      throw e;
    });
    return this.stored;
  }

  /** The public key of `keyId` among the configured and the stored ones; null when unknown. */
  async publicKey(keyId: string): Promise<KeyObject | null> {
    if (this.configured?.keyId === keyId) return this.configured.publicKey;
    const pem = await this.keys.publicKeyPem(keyId);
    return pem ? createPublicKey(pem) : null;
  }

  private async loadOrCreate(): Promise<Ed25519Key> {
    const existing = await this.keys.first();
    if (existing) return existing;
    // A concurrent first use by another instance may win: both then read the winner.
    await this.keys.insertUnlessOne(ed25519KeyOf(generateKeyPairSync('ed25519').privateKey));
    const stored = await this.keys.first();
    if (!stored) throw new Error(`${this.what} could not be stored`);
    return stored;
  }
}
