import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { KEY_ROLES, type KeyRole } from '@careplan/contracts';
import { GatewayEnv } from '../config/gateway.env';
import { AuthErrors } from './auth.errors';
import { TOKEN_ALGORITHM, TokenKeysService } from './token-keys.service';

/** The JWT `typ` of access tokens (RFC 9068): a token of another kind signed by the same key is no access token. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
const KEY_SUBJECT = 'key:';
const STAFF_SUBJECT = 'staff:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Tokens whose signature was checked, kept until they expire: a client sends the same token for up to an hour.
const VERIFIED_CACHE_SIZE = 10_000;

/** What the gateway needs of now; a fake clock in specs. */
export const TOKEN_CLOCK = Symbol('TOKEN_CLOCK');
export type Clock = () => Date;

/** Whom a token is issued for: a key (client credentials), or a staff user's session (sign-in). */
export type TokenSubject = {
  officeNumber: string;
  role: KeyRole;
} & ({ keyId: string } | { staffUserId: string; sessionId: string });

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
  role: KeyRole;
}

/** A verified token: whose it is, and until when. */
export type AccessTokenClaims = TokenSubject & {
  tokenId: string;
  expiresAt: Date;
};

/**
 * Short-lived access tokens for keys (OAuth 2.0 client credentials): JWTs signed with the gateway's Ed25519 key
 * (published at /.well-known/jwks.json), naming the key (`sub` key:<id>), its office and its role. Verification
 * here is the token's own: signature, type, issuer, audience, expiry; whether its key is still active is the
 * guard's check, on every request.
 */
@Injectable()
export class AccessTokensService {
  private readonly issuer: string;
  private readonly ttlSeconds: number;
  /** Token → its claims and the key that verified it (oldest first, for eviction). */
  private readonly verified = new Map<string, { claims: AccessTokenClaims; keyId: string }>();

  constructor(
    @Inject(GatewayEnv) env: Pick<GatewayEnv, 'TOKEN_ISSUER' | 'ACCESS_TOKEN_TTL_SECONDS'>,
    private readonly keys: TokenKeysService,
    @Optional() @Inject(TOKEN_CLOCK) private readonly clock: Clock = () => new Date(),
  ) {
    this.issuer = env.TOKEN_ISSUER;
    this.ttlSeconds = env.ACCESS_TOKEN_TTL_SECONDS;
  }

  async issue(subject: TokenSubject): Promise<IssuedAccessToken> {
    const key = await this.keys.signingKey();
    const now = Math.floor(this.clock().getTime() / 1000);
    const [sub, claims] =
      'keyId' in subject
        ? [`${KEY_SUBJECT}${subject.keyId}`, { client_id: subject.keyId }]
        : [`${STAFF_SUBJECT}${subject.staffUserId}`, { sid: subject.sessionId }];
    const token = await new SignJWT({ ...claims, office: subject.officeNumber, role: subject.role })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid: key.keyId })
      .setIssuer(this.issuer)
      .setAudience(this.issuer)
      .setSubject(sub)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { token, expiresIn: this.ttlSeconds, role: subject.role };
  }

  /** The token's claims; 401 ACCESS_TOKEN_EXPIRED past its `exp`, 401 ACCESS_TOKEN_INVALID for anything else. */
  async verify(token: string): Promise<AccessTokenClaims> {
    const key = await this.keys.signingKey();
    // A token verified before is the same bytes under the same signature: only its expiry is checked again
    // (as jwtVerify does: expired from its exp second on), and that the signing key is still the one.
    const known = this.verified.get(token);
    if (known?.keyId === key.keyId && known.claims.expiresAt.getTime() > epochSeconds(this.clock()) * 1000)
      return known.claims;
    if (known) this.verified.delete(token);
    const claims = await this.verifySignature(token, key);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.forgetOldest();
    this.verified.set(token, { claims, keyId: key.keyId });
    return claims;
  }

  private forgetOldest(): void {
    const now = epochSeconds(this.clock()) * 1000;
    for (const [token, entry] of this.verified) {
      if (entry.claims.expiresAt.getTime() <= now || this.verified.size >= VERIFIED_CACHE_SIZE)
        this.verified.delete(token);
      else break;
    }
  }

  private async verifySignature(
    token: string,
    key: Awaited<ReturnType<TokenKeysService['signingKey']>>,
  ): Promise<AccessTokenClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(
        token,
        (header) => {
          // One key at a time: a token of another (an old or a foreign) key is refused, not looked up.
          if (header.kid !== key.keyId) throw new errors.JWKSNoMatchingKey();
          return key.publicKey;
        },
        {
          algorithms: [TOKEN_ALGORITHM],
          typ: ACCESS_TOKEN_TYPE,
          issuer: this.issuer,
          audience: this.issuer,
          requiredClaims: ['sub', 'exp', 'iat', 'jti'],
          currentDate: this.clock(),
        },
      ));
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw AuthErrors.tokenExpired();
      if (e instanceof errors.JOSEError || e instanceof TypeError) throw AuthErrors.tokenInvalid();
      throw e;
    }
    return claimsOf(payload);
  }
}

function epochSeconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

function claimsOf(payload: JWTPayload): AccessTokenClaims {
  const { sub, office, role, jti, exp, sid } = payload;
  if (
    typeof sub !== 'string' ||
    typeof office !== 'string' ||
    !KEY_ROLES.includes(role as KeyRole) ||
    typeof jti !== 'string' ||
    typeof exp !== 'number'
  )
    throw AuthErrors.tokenInvalid();
  const common = {
    officeNumber: office,
    role: role as KeyRole,
    tokenId: jti,
    expiresAt: new Date(exp * 1000),
  };
  const keyId = idAfter(sub, KEY_SUBJECT);
  if (keyId) return { ...common, keyId };
  const staffUserId = idAfter(sub, STAFF_SUBJECT);
  if (staffUserId && typeof sid === 'string' && UUID.test(sid))
    return { ...common, staffUserId, sessionId: sid };
  throw AuthErrors.tokenInvalid();
}

/** The uuid of `<prefix><uuid>`, or null. */
function idAfter(sub: string, prefix: string): string | null {
  const id = sub.startsWith(prefix) ? sub.slice(prefix.length) : '';
  return UUID.test(id) ? id : null;
}
