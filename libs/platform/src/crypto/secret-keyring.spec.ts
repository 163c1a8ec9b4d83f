import { randomBytes } from 'node:crypto';
import { IsOptional, validateSync } from 'class-validator';
import { IsSecretKeyring, SealedSecretError, SecretKeyring } from './secret-keyring';

const hexKey = () => randomBytes(32).toString('hex');
const b64Key = () => randomBytes(32).toString('base64');

describe('SecretKeyring', () => {
  const ring = SecretKeyring.parse(hexKey());

  it('opens what it sealed, and the envelope holds neither the secret nor the key', () => {
    const sealed = ring.seal('whsec_plain-secret', 'office 1371500420');
    expect(sealed).toMatch(/^v1\.[0-9a-f]{16}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('whsec');
    expect(ring.open(sealed, 'office 1371500420')).toBe('whsec_plain-secret');
    // A fresh IV every time: the same secret never seals to the same text.
    expect(ring.seal('whsec_plain-secret', 'office 1371500420')).not.toBe(sealed);
  });

  it('refuses another context (AAD), a tampered envelope and a key it does not hold', () => {
    const sealed = ring.seal('s', 'office A|https://a.example.jp/');
    expect(() => ring.open(sealed, 'office B|https://a.example.jp/')).toThrow(SealedSecretError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x').toString('base64url');
    expect(() => ring.open(parts.join('.'), 'office A|https://a.example.jp/')).toThrow(/authentication/);
    expect(() => SecretKeyring.parse(hexKey()).open(sealed, 'office A|https://a.example.jp/')).toThrow(
      /unknown key id/,
    );
    expect(() => ring.open('whsec_plain', 'x')).toThrow(/not a v1 envelope/);
  });

  it('rotates: the first key seals, every listed key opens, and the envelope says which', () => {
    const [oldKey, newKey] = [b64Key(), hexKey()];
    const before = SecretKeyring.parse(oldKey);
    const sealedBefore = before.seal('s', 'ctx');
    const rotated = SecretKeyring.parse(`${newKey}, ${oldKey}`);
    expect(rotated.open(sealedBefore, 'ctx')).toBe('s');
    expect(rotated.isCurrent(sealedBefore)).toBe(false);
    expect(rotated.isCurrent(rotated.seal('s', 'ctx'))).toBe(true);
    expect(rotated.keyIds).toEqual([SecretKeyring.parse(newKey).currentKeyId, before.currentKeyId]);
  });

  it.each(['', 'short', 'a'.repeat(63), randomBytes(16).toString('base64'), `${hexKey()},nope`])(
    'refuses the key list %p',
    (spec) => expect(() => SecretKeyring.parse(spec)).toThrow(),
  );

  it('is checked as configuration by @IsSecretKeyring', () => {
    class Config {
      @IsSecretKeyring() KEY = '';
      @IsOptional() OTHER?: string;
    }
    const config = (key: string) => Object.assign(new Config(), { KEY: key });
    expect(validateSync(config(b64Key()))).toHaveLength(0);
    const [error] = validateSync(config('0123'));
    expect(Object.values(error.constraints ?? {}).join()).toMatch(/KEY must be one or more .*32-byte keys/);
  });
});
