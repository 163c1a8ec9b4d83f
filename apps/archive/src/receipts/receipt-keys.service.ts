import { Inject, Injectable } from '@nestjs/common';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { ArchiveEnv } from '../config/archive.env';
import { ReceiptKeyRepository } from './receipt-key.repository';

export const RECEIPT_ALGORITHM = 'Ed25519';

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

/** First 16 hex characters of the sha256 of the public key's DER (SubjectPublicKeyInfo). */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

function signingKeyFrom(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Reads the configured key; a wrong one stops the archive at start with a message naming the variable. */
export function configuredKey(pem: string): SigningKey | null {
  if (pem.trim() === '') return null;
  let key: KeyObject;
  try {
    key = createPrivateKey(pem.replace(/\\n/g, '\n'));
  } catch {
    throw new Error('RECEIPT_SIGNING_KEY is not a PEM private key');
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error('RECEIPT_SIGNING_KEY must be an Ed25519 private key');
  return signingKeyFrom(key);
}

/**
 * The key that signs receipts: RECEIPT_SIGNING_KEY when configured, else the one kept in archive.receipt_keys,
 * generated on first use. Concurrent first uses by several instances converge on one stored key.
 */
@Injectable()
export class ReceiptKeysService {
  private readonly configured: SigningKey | null;
  private stored: Promise<SigningKey> | null = null;

  constructor(
    @Inject(ArchiveEnv) env: ArchiveEnv,
    private readonly keys: ReceiptKeyRepository,
  ) {
    this.configured = configuredKey(env.RECEIPT_SIGNING_KEY);
  }

  signingKey(): Promise<SigningKey> {
    if (this.configured) return Promise.resolve(this.configured);
    this.stored ??= this.loadOrCreate().catch((e: unknown) => {
      this.stored = null; // a database hiccup must not poison the cache
      throw e;
    });
    return this.stored;
  }

  /** The public key a receipt names, among the configured and the stored ones; null when unknown. */
  async publicKey(keyId: string): Promise<KeyObject | null> {
    if (this.configured?.keyId === keyId) return this.configured.publicKey;
    const pem = await this.keys.publicKeyPem(keyId);
    return pem ? createPublicKey(pem) : null;
  }

  private async loadOrCreate(): Promise<SigningKey> {
    const existing = await this.load();
    if (existing) return existing;
    const generated = signingKeyFrom(generateKeyPairSync('ed25519').privateKey);
    // A concurrent first use by another instance may win: both then read the winner.
    await this.keys.insertUnlessOne({
      key_id: generated.keyId,
      algorithm: RECEIPT_ALGORITHM,
      public_key_pem: generated.publicKeyPem,
      private_key_pem: generated.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const stored = await this.load();
    if (!stored) throw new Error('receipt signing key could not be stored');
    return stored;
  }

  private async load(): Promise<SigningKey | null> {
    const row = await this.keys.first();
    return row ? signingKeyFrom(createPrivateKey(row.private_key_pem)) : null;
  }
}
