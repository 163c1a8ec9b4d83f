import { hashPassword, verifyNoPassword, verifyPassword } from './password';

describe('console passwords (scrypt)', () => {
  it('keeps the parameters, a fresh salt and the hash in one string', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('accepts the password and nothing else', async () => {
    const stored = await hashPassword('パスワードは十二文字以上');
    expect(await verifyPassword('パスワードは十二文字以上', stored)).toBe(true);
    expect(await verifyPassword('パスワードは十二文字以上 ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('compares NFC-normalised: a composed and a decomposed が are one password', async () => {
    const stored = await hashPassword('ガイドライン2025年');
    expect(await verifyPassword('ガイドライン2025年'.normalize('NFD'), stored)).toBe(true);
  });

  it('refuses a malformed or tampered stored value without throwing', async () => {
    const stored = await hashPassword('correct horse battery');
    const parts = stored.split('$');
    expect(await verifyPassword('correct horse battery', 'plain')).toBe(false);
    expect(await verifyPassword('correct horse battery', [...parts.slice(0, 5), 'AAAA'].join('$'))).toBe(
      false,
    );
    expect(await verifyPassword('correct horse battery', ['bcrypt', ...parts.slice(1)].join('$'))).toBe(
      false,
    );
    expect(await verifyPassword('correct horse battery', stored.replace('$3$', '$0$'))).toBe(false);
  });

  it('spends a check on a name without a password, and fails it', async () => {
    expect(await verifyNoPassword('anything at all')).toBe(false);
  });
});
