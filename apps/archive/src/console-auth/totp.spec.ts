import { Secret, TOTP, URI } from 'otpauth';
import { SecretKeyring } from '@careplan/platform';
import { isFreshStep, newTotpSecret, otpauthUri, totpStep, TotpSecrets } from './totp';

// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", and its 8-digit codes cut to the 6 apps show.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number) => new Date(seconds * 1000);

describe('console TOTP (RFC 6238)', () => {
  it('matches the RFC test vectors, and tells the time step', () => {
    expect(totpStep(RFC_SECRET, '287082', at(59))).toBe(1);
    expect(totpStep(RFC_SECRET, '081804', at(1111111109))).toBe(37037036);
    expect(totpStep(RFC_SECRET, '050471', at(1111111111))).toBe(37037037);
    expect(totpStep(RFC_SECRET, '005924', at(1234567890))).toBe(41152263);
  });

  it('takes the code of the step before and after, not two away', () => {
    const now = at(1_800_000_000);
    const code = (seconds: number) =>
      TOTP.generate({
        secret: Secret.fromBase32(RFC_SECRET),
        timestamp: seconds * 1000,
        algorithm: 'SHA1',
        digits: 6,
      });
    expect(totpStep(RFC_SECRET, code(1_800_000_000 - 30), now)).toBe(60_000_000 - 1);
    expect(totpStep(RFC_SECRET, code(1_800_000_000 + 30), now)).toBe(60_000_000 + 1);
    expect(totpStep(RFC_SECRET, code(1_800_000_000 - 60), now)).toBeNull();
    expect(totpStep(RFC_SECRET, code(1_800_000_000 + 60), now)).toBeNull();
  });

  it('refuses what is not six digits', () => {
    for (const code of ['', '28708', '2870820', '28708a', ' 287082'])
      expect(totpStep(RFC_SECRET, code, at(59))).toBeNull();
  });

  it('lets a code sign in once: only a later step is fresh', () => {
    expect(isFreshStep(10, null)).toBe(true);
    expect(isFreshStep(11, 10)).toBe(true);
    expect(isFreshStep(10, 10)).toBe(false);
    expect(isFreshStep(9, 10)).toBe(false);
  });

  it('enrols as an otpauth URI apps read: SHA1, 6 digits, 30 s, the issuer and the name', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = otpauthUri(secret, '沖縄県国保連');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const parsed = URI.parse(uri) as TOTP;
    expect(parsed).toMatchObject({
      issuer: 'careplan-exchange',
      label: '沖縄県国保連',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect(parsed.secret.base32).toBe(secret);
  });

  it('seals secrets to their operator under CONSOLE_TOTP_KEY, and opens unsealed ones too', () => {
    const sealed = new TotpSecrets(SecretKeyring.parse('11'.repeat(32)));
    const stored = sealed.seal(RFC_SECRET, 'operator-a');
    expect(stored).toMatch(/^v1\./);
    expect(sealed.open(stored, 'operator-a')).toBe(RFC_SECRET);
    expect(() => sealed.open(stored, 'operator-b')).toThrow(/cannot be opened/);
    expect(sealed.open(RFC_SECRET, 'operator-a')).toBe(RFC_SECRET);

    const plain = TotpSecrets.fromConfig('');
    expect(plain.seal(RFC_SECRET, 'operator-a')).toBe(RFC_SECRET);
    expect(() => plain.open(stored, 'operator-a')).toThrow(/CONSOLE_TOTP_KEY/);
  });
});
