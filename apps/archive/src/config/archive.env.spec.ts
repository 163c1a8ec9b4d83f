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

  it('stays quiet with a key configured, and refuses the default INTERNAL_TOKEN', () => {
    const warn = jest.fn();
    loadEnv(ArchiveEnv, { ...production, RECEIPT_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----…' }, warn);
    expect(warn).not.toHaveBeenCalled();
    expect(() => loadEnv(ArchiveEnv, { NODE_ENV: 'production' }, warn)).toThrow(/INTERNAL_TOKEN/);
  });
});
