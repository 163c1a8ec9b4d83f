import { Secret, TOTP } from 'otpauth';
import { SecretKeyring } from '@careplan/platform';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30 s; a code of the step before or after passes. */
const SETTINGS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const WINDOW = 1;
const ISSUER = 'careplan-exchange';
const CODE = /^\d{6}$/;

/** A new secret (160 bits), base32. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

const totpOf = (secret: string, label = 'operator') =>
  new TOTP({ ...SETTINGS, issuer: ISSUER, label, secret: Secret.fromBase32(secret) });

/** The otpauth:// URI an authenticator app enrols (as a QR code). */
export const otpauthUri = (secret: string, name: string): string => totpOf(secret, name).toString();

/** The time step (30 s periods since the epoch) `code` belongs to, or null when it is not a current code. */
export function totpStep(secret: string, code: string, now: Date): number | null {
  if (!CODE.test(code)) return null;
  const timestamp = now.getTime();
  const delta = totpOf(secret).validate({ token: code, timestamp, window: WINDOW });
  return delta === null ? null : TOTP.counter({ period: SETTINGS.period, timestamp }) + delta;
}

/** A code signs in once: its step must come after the last step that did (null: none yet). */
export const isFreshStep = (step: number, lastStep: number | null): boolean =>
  lastStep === null || step > lastStep;

/**
 * The TOTP secrets at rest: sealed (AES-256-GCM, bound to the operator's id) under CONSOLE_TOTP_KEY when it
 * is set, else as they are. Either kind opens, so a key configured later applies to secrets from then on.
 */
export class TotpSecrets {
  constructor(private readonly keyring: SecretKeyring | null) {}

  static fromConfig(spec: string): TotpSecrets {
    return new TotpSecrets(spec === '' ? null : SecretKeyring.parse(spec));
  }

  seal(secret: string, operatorId: string): string {
    return this.keyring ? this.keyring.seal(secret, aad(operatorId)) : secret;
  }

  open(stored: string, operatorId: string): string {
    if (/^[A-Z2-7]+=*$/.test(stored)) return stored;
    if (!this.keyring) throw new Error('a TOTP secret is sealed, and CONSOLE_TOTP_KEY is not set');
    return this.keyring.open(stored, aad(operatorId));
  }
}

const aad = (operatorId: string) => `console-totp:${operatorId}`;
