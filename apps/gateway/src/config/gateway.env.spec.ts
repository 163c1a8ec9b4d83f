import { randomBytes } from 'node:crypto';
import { DEFAULT_WEBHOOK_SECRET_KEY, loadEnv } from '@careplan/platform';
import { GatewayEnv } from './gateway.env';

describe('GatewayEnv: WEBHOOK_SECRET_KEY', () => {
  const production = { NODE_ENV: 'production', INTERNAL_TOKEN: 'a-real-secret-of-32-characters!!' };
  const key = randomBytes(32).toString('base64');

  it('refuses the public default key in production, also as an old key of a rotation', () => {
    expect(() => loadEnv(GatewayEnv, production)).toThrow(/WEBHOOK_SECRET_KEY holds the public default key/);
    expect(() =>
      loadEnv(GatewayEnv, { ...production, WEBHOOK_SECRET_KEY: `${key},${DEFAULT_WEBHOOK_SECRET_KEY}` }),
    ).toThrow(/WEBHOOK_SECRET_KEY/);
    expect(loadEnv(GatewayEnv, { ...production, WEBHOOK_SECRET_KEY: key }).WEBHOOK_SECRET_KEY).toBe(key);
  });

  it('uses the default outside production and refuses a key that is not 32 bytes', () => {
    expect(loadEnv(GatewayEnv, {}).WEBHOOK_SECRET_KEY).toBe(DEFAULT_WEBHOOK_SECRET_KEY);
    expect(() => loadEnv(GatewayEnv, { WEBHOOK_SECRET_KEY: 'too-short' })).toThrow(
      /WEBHOOK_SECRET_KEY must be one or more comma-separated 32-byte keys/,
    );
  });
});

describe('GatewayEnv: access tokens', () => {
  it('signs 60-minute tokens with a database key by default, warning about it in production', () => {
    const env = loadEnv(GatewayEnv, {});
    expect([env.TOKEN_SIGNING_KEY, env.ACCESS_TOKEN_TTL_SECONDS]).toEqual(['', 3600]);
    const production = loadEnv(GatewayEnv, {
      NODE_ENV: 'production',
      INTERNAL_TOKEN: 'a-real-secret-of-32-characters!!',
      WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
    });
    expect(production.productionChecks().warnings.join('\n')).toMatch(/TOKEN_SIGNING_KEY is empty/);
  });

  it('refuses a token lifetime past 60 minutes', () => {
    expect(() => loadEnv(GatewayEnv, { ACCESS_TOKEN_TTL_SECONDS: '7200' })).toThrow(
      /ACCESS_TOKEN_TTL_SECONDS/,
    );
  });
});
