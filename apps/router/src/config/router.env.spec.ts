import { randomBytes } from 'node:crypto';
import { DEFAULT_WEBHOOK_SECRET_KEY, loadEnv } from '@careplan/platform';
import { RouterEnv } from './router.env';

describe('RouterEnv: WEBHOOK_SECRET_KEY', () => {
  const production = { NODE_ENV: 'production', INTERNAL_TOKEN: 'a-real-secret-of-32-characters!!' };
  const key = randomBytes(32).toString('base64');

  it('refuses the public default key in production, also as an old key of a rotation', () => {
    expect(() => loadEnv(RouterEnv, production)).toThrow(/WEBHOOK_SECRET_KEY holds the public default key/);
    expect(() =>
      loadEnv(RouterEnv, { ...production, WEBHOOK_SECRET_KEY: `${key},${DEFAULT_WEBHOOK_SECRET_KEY}` }),
    ).toThrow(/WEBHOOK_SECRET_KEY/);
    expect(loadEnv(RouterEnv, { ...production, WEBHOOK_SECRET_KEY: key }).WEBHOOK_SECRET_KEY).toBe(key);
  });

  it('uses the default outside production and refuses a key that is not 32 bytes', () => {
    expect(loadEnv(RouterEnv, {}).WEBHOOK_SECRET_KEY).toBe(DEFAULT_WEBHOOK_SECRET_KEY);
    expect(() => loadEnv(RouterEnv, { WEBHOOK_SECRET_KEY: 'too-short' })).toThrow(
      /WEBHOOK_SECRET_KEY must be one or more comma-separated 32-byte keys/,
    );
  });
});
