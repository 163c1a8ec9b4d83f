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
