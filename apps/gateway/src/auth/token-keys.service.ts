import { Inject, Injectable } from '@nestjs/common';
import { exportJWK } from 'jose';
import { configuredEd25519Key, Ed25519KeySource } from '@careplan/persistence';
import { GatewayEnv } from '../config/gateway.env';
import { TokenKeyRepository } from './token-key.repository';

/** JOSE name of Ed25519 signatures. */
export const TOKEN_ALGORITHM = 'EdDSA';

/** An Ed25519 public key as RFC 8037 writes it in a JWK Set. */
export interface PublishedKey {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  alg: string;
  use: 'sig';
}

/**
 * The key that signs access tokens: TOKEN_SIGNING_KEY when configured, else the one kept in gateway.token_keys,
 * generated on first use, so every gateway instance signs and verifies with the same key. Concurrent first uses
 * by several instances converge on one stored key. One key at a time: changing it ends the tokens in flight,
 * and their clients exchange their keys again.
 */
@Injectable()
export class TokenKeysService extends Ed25519KeySource {
  constructor(@Inject(GatewayEnv) env: Pick<GatewayEnv, 'TOKEN_SIGNING_KEY'>, keys: TokenKeyRepository) {
    super(configuredEd25519Key(env.TOKEN_SIGNING_KEY, 'TOKEN_SIGNING_KEY'), keys, 'access token signing key');
  }

  /** GET /.well-known/jwks.json: the public key that verifies the gateway's access tokens. */
  async keySet(): Promise<{ keys: PublishedKey[] }> {
    const key = await this.signingKey();
    const { kty, crv, x } = await exportJWK(key.publicKey);
    if (!kty || !crv || !x) throw new Error('the token signing key exports no OKP JWK');
    return { keys: [{ kty, crv, x, kid: key.keyId, alg: TOKEN_ALGORITHM, use: 'sig' }] };
  }
}
