import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { AppException, loadEnv } from '@careplan/platform';
import { GatewayEnv } from '../config/gateway.env';
import { AccessTokensService, TokenSubject } from './access-tokens.service';
import { TokenKeyRepository } from './token-key.repository';
import { configuredEd25519Key } from '@careplan/persistence';
import { TokenKeysService } from './token-keys.service';

const pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
// The configured key: the repository is never asked.
const noRepository = {} as TokenKeyRepository;
const configuredTokenKeyOf = (pem: string) => configuredEd25519Key(pem, 'TOKEN_SIGNING_KEY');

describe('AccessTokensService: sign and verify access tokens with a fake clock', () => {
  const env = loadEnv(GatewayEnv, { TOKEN_SIGNING_KEY: pem(), TOKEN_ISSUER: 'https://gw.test' });
  const keys = new TokenKeysService(env, noRepository);
  let now = new Date('2026-12-03T10:00:00Z');
  const tokens = new AccessTokensService(env, keys, () => now);
  const subject: TokenSubject = { keyId: randomUUID(), officeNumber: '1312345678', role: 'member' };
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'verified',
      (e: unknown) => (e instanceof AppException ? `${e.status} ${e.code}` : String(e)),
    );

  beforeEach(() => (now = new Date('2026-12-03T10:00:00Z')));

  it('issues an EdDSA at+jwt naming key, office and role, valid 60 minutes, that verifies back to them', async () => {
    const issued = await tokens.issue(subject);
    expect(issued).toMatchObject({ expiresIn: 3600, role: 'member' });
    const header = decodeProtectedHeader(issued.token);
    expect(header).toEqual({ alg: 'EdDSA', typ: 'at+jwt', kid: (await keys.signingKey()).keyId });
    const claims = decodeJwt(issued.token);
    const iat = now.getTime() / 1000;
    expect(claims).toEqual({
      iss: 'https://gw.test',
      aud: 'https://gw.test',
      sub: `key:${subject.keyId}`,
      client_id: subject.keyId,
      office: '1312345678',
      role: 'member',
      iat,
      exp: iat + 3600,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(await tokens.verify(issued.token)).toEqual({
      ...subject,
      tokenId: claims.jti,
      expiresAt: new Date(now.getTime() + 3600_000),
    });
  });

  it('gives each token its own jti', async () => {
    const [a, b] = await Promise.all([tokens.issue(subject), tokens.issue(subject)]);
    expect(decodeJwt(a.token).jti).not.toBe(decodeJwt(b.token).jti);
  });

  it('refuses a token from its exp on: 401 ACCESS_TOKEN_EXPIRED', async () => {
    const { token } = await tokens.issue(subject);
    now = new Date(now.getTime() + 3599_000);
    expect(await codeOf(tokens.verify(token))).toBe('verified');
    now = new Date(now.getTime() + 1000);
    expect(await codeOf(tokens.verify(token))).toBe('401 ACCESS_TOKEN_EXPIRED');
  });

  it('refuses what it did not sign, another issuer, a changed claim, another typ, garbage: 401 ACCESS_TOKEN_INVALID', async () => {
    const { token } = await tokens.issue(subject);
    const [h, p, s] = token.split('.');
    const claims = { ...decodeJwt(token), role: 'admin' };
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    const other = new AccessTokensService(
      loadEnv(GatewayEnv, { TOKEN_SIGNING_KEY: pem(), TOKEN_ISSUER: 'https://gw.test' }),
      new TokenKeysService(loadEnv(GatewayEnv, { TOKEN_SIGNING_KEY: pem() }), noRepository),
      () => now,
    );
    const foreignIssuer = new AccessTokensService(
      loadEnv(GatewayEnv, { TOKEN_SIGNING_KEY: env.TOKEN_SIGNING_KEY, TOKEN_ISSUER: 'https://elsewhere' }),
      keys,
      () => now,
    );
    const key = await keys.signingKey();
    const idToken = await new SignJWT({ office: subject.officeNumber, role: 'member' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: key.keyId })
      .setIssuer('https://gw.test')
      .setAudience('https://gw.test')
      .setSubject(`key:${subject.keyId}`)
      .setIssuedAt()
      .setExpirationTime('1h')
      .setJti(randomUUID())
      .sign(key.privateKey);
    const unsigned = `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${p}.`;
    for (const bad of [
      forged,
      (await other.issue(subject)).token,
      (await foreignIssuer.issue(subject)).token,
      idToken,
      unsigned,
      'not-a-jwt',
      'cpx_AbCdEfGhIjKlMnOpQrStUvWxYz012345',
      '',
    ])
      expect(await codeOf(tokens.verify(bad))).toBe('401 ACCESS_TOKEN_INVALID');
  });

  it('publishes the key as a JWK Set that verifies its tokens', async () => {
    const set = await keys.keySet();
    expect(set.keys).toEqual([
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: expect.any(String),
        kid: (await keys.signingKey()).keyId,
        alg: 'EdDSA',
        use: 'sig',
      },
    ]);
    const { token } = await tokens.issue(subject);
    const { payload } = await jwtVerify(token, createLocalJWKSet(set), {
      issuer: 'https://gw.test',
      currentDate: now,
    });
    expect(payload.sub).toBe(`key:${subject.keyId}`);
  });

  it('refuses a TOKEN_SIGNING_KEY that is no PEM or no Ed25519 key, naming the variable', () => {
    expect(configuredTokenKeyOf('')).toBeNull();
    expect(() => configuredTokenKeyOf('nonsense')).toThrow(/TOKEN_SIGNING_KEY is not a PEM private key/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => configuredTokenKeyOf(ec)).toThrow(/TOKEN_SIGNING_KEY must be an Ed25519 private key/);
    expect(configuredTokenKeyOf(pem().replace(/\n/g, '\\n'))?.keyId).toMatch(/^[0-9a-f]{16}$/);
  });
});
