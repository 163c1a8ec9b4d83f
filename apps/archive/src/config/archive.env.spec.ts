import { loadEnv } from '@careplan/platform';
import { ArchiveEnv } from './archive.env';

describe('ArchiveEnv in production', () => {
  const production = { NODE_ENV: 'production', INTERNAL_TOKEN: 'a-real-secret-of-32-characters!!' };

  it('warns, without refusing to start, when RECEIPT_SIGNING_KEY is empty', () => {
    const warn = jest.fn();
    expect(loadEnv(ArchiveEnv, production, warn).RECEIPT_SIGNING_KEY).toBe('');
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^NODE_ENV=production: RECEIPT_SIGNING_KEY is empty/),
    );
  });

  it('warns when the console has no session secret or TOTP key, and checks them when set', () => {
    const warn = jest.fn();
    loadEnv(ArchiveEnv, production, warn);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^NODE_ENV=production: CONSOLE_SESSION_SECRET is empty/),
    );
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^NODE_ENV=production: CONSOLE_TOTP_KEY is empty/),
    );
    expect(() => loadEnv(ArchiveEnv, { CONSOLE_SESSION_SECRET: 'too-short' })).toThrow(
      /CONSOLE_SESSION_SECRET/,
    );
    expect(() => loadEnv(ArchiveEnv, { CONSOLE_TOTP_KEY: 'not-a-key' })).toThrow(/CONSOLE_TOTP_KEY/);
    expect(() => loadEnv(ArchiveEnv, { CONSOLE_COOKIE_SECURE: 'yes' })).toThrow(/CONSOLE_COOKIE_SECURE/);
    expect(() => loadEnv(ArchiveEnv, { CONSOLE_URL: 'https://ops.example/console' })).toThrow(/CONSOLE_URL/);
  });

  it('stays quiet with the keys configured, and refuses the default INTERNAL_TOKEN', () => {
    const warn = jest.fn();
    loadEnv(
      ArchiveEnv,
      {
        ...production,
        RECEIPT_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----…',
        CONSOLE_SESSION_SECRET: 'a-session-secret-of-32-characters!',
        CONSOLE_TOTP_KEY: '22'.repeat(32),
      },
      warn,
    );
    expect(warn).not.toHaveBeenCalled();
    expect(() => loadEnv(ArchiveEnv, { NODE_ENV: 'production' }, warn)).toThrow(/INTERNAL_TOKEN/);
  });
});
