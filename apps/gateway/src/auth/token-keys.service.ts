import { Inject, Injectable } from '@nestjs/common';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { exportJWK } from 'jose';
import { GatewayEnv } from '../config/gateway.env';
import { TokenKeyRepository } from './token-key.repository';

/** JOSE name of Ed25519 signatures. */
export const TOKEN_ALGORITHM = 'EdDSA';

export interface TokenSigningKey {
  /** The JWT header's `kid`: first 16 hex characters of the sha256 of the public key's DER. */
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** An Ed25519 public key as RFC 8037 writes it in a JWK Set. */
export interface PublishedKey {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  alg: string;
  use: 'sig';
}

function signingKeyFrom(privateKey: KeyObject): TokenSigningKey {
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { keyId: createHash('sha256').update(der).digest('hex').slice(0, 16), privateKey, publicKey };
}

/** Reads the configured key; a wrong one stops the gateway at start with a message naming the variable. */
export function configuredTokenKey(pem: string): TokenSigningKey | null {
  if (pem.trim() === '') return null;
  let key: KeyObject;
  try {
    key = createPrivateKey(pem.replace(/\\n/g, '\n'));
  } catch {
    throw new Error('TOKEN_SIGNING_KEY is not a PEM private key');
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error('TOKEN_SIGNING_KEY must be an Ed25519 private key');
  return signingKeyFrom(key);
}

/**
 * The key that signs access tokens: TOKEN_SIGNING_KEY when configured, else the one kept in gateway.token_keys,
 * generated on first use, so every gateway instance signs and verifies with the same key. Concurrent first uses
 * by several instances converge on one stored key. One key at a time: changing it ends the tokens in flight,
 * and their clients exchange their keys again.
 */
@Injectable()
export class TokenKeysService {
  private readonly configured: TokenSigningKey | null;
  private stored: Promise<TokenSigningKey> | null = null;

  constructor(
    @Inject(GatewayEnv) env: Pick<GatewayEnv, 'TOKEN_SIGNING_KEY'>,
    private readonly keys: TokenKeyRepository,
  ) {
    this.configured = configuredTokenKey(env.TOKEN_SIGNING_KEY);
  }

  signingKey(): Promise<TokenSigningKey> {
    if (this.configured) return Promise.resolve(this.configured);
    this.stored ??= this.loadOrCreate().catch((e: unknown) => {
      this.stored = null; // a database hiccup must not poison the cache
      throw e;
    });
    return this.stored;
  }

  /** GET /.well-known/jwks.json: the public key that verifies the gateway's access tokens. */
  async keySet(): Promise<{ keys: PublishedKey[] }> {
    const key = await this.signingKey();
    const { kty, crv, x } = await exportJWK(key.publicKey);
    if (!kty || !crv || !x) throw new Error('the token signing key exports no OKP JWK');
    return { keys: [{ kty, crv, x, kid: key.keyId, alg: TOKEN_ALGORITHM, use: 'sig' }] };
  }

  private async loadOrCreate(): Promise<TokenSigningKey> {
    const existing = await this.load();
    if (existing) return existing;
    const generated = signingKeyFrom(generateKeyPairSync('ed25519').privateKey);
    // A concurrent first use by another instance may win: both then read the winner.
    await this.keys.insertUnlessOne({
      key_id: generated.keyId,
      algorithm: 'Ed25519',
      public_key_pem: generated.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      private_key_pem: generated.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const stored = await this.load();
    if (!stored) throw new Error('access token signing key could not be stored');
    return stored;
  }

  private async load(): Promise<TokenSigningKey | null> {
    const row = await this.keys.first();
    return row ? signingKeyFrom(createPrivateKey(row.private_key_pem)) : null;
  }
}
