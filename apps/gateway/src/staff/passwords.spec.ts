import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from './passwords';

describe('staff passwords (scrypt)', () => {
  it('hashes with a salt of its own each time and verifies only the password', async () => {
    const [a, b] = await Promise.all([
      hashPassword('正しい馬のバッテリー'),
      hashPassword('正しい馬のバッテリー'),
    ]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('正しい馬のバッテリー', a)).toBe(true);
    expect(await verifyPassword('正しい馬のバッテリ', a)).toBe(false);
    expect(await verifyPassword('anything', UNKNOWN_USER_HASH)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });

  it('treats the composed and decomposed forms of a Japanese password as one (NFC)', async () => {
    const stored = await hashPassword('ガイド'.normalize('NFC'));
    expect(await verifyPassword('ガイド'.normalize('NFD'), stored)).toBe(true);
  });
});
