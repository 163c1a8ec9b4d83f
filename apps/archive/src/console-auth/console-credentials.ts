import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ArchiveEnv } from '../config/archive.env';
import { ConsoleSessionRepository } from './console-session.repository';
import { SetupTokenRepository } from './setup-token.repository';
import { newTotpSecret, TotpSecrets } from './totp';

/** A set-up link works this long, once. */
export const SETUP_TTL_MS = 72 * 3_600_000;

export const hashSetupToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * What operator management does to console access, in the caller's transaction: a set-up link for a new or
 * reset operator (with the TOTP secret it will enrol), and the end of an operator's sessions.
 */
@Injectable()
export class ConsoleCredentials {
  readonly secrets: TotpSecrets;

  constructor(
    private readonly env: ArchiveEnv,
    private readonly setupTokens: SetupTokenRepository,
    private readonly sessions: ConsoleSessionRepository,
  ) {
    this.secrets = TotpSecrets.fromConfig(env.CONSOLE_TOTP_KEY);
  }

  /** A new set-up link for the operator (its earlier ones stop working): `<CONSOLE_URL>setup/<token>`. */
  async issueSetupLink(m: EntityManager, operatorId: string, now = new Date()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.setupTokens.deleteFor(m, operatorId);
    await this.setupTokens.insert(m, {
      tokenHash: hashSetupToken(token),
      operatorId,
      totpSecret: this.secrets.seal(newTotpSecret(), operatorId),
      expiresAt: new Date(now.getTime() + SETUP_TTL_MS),
    });
    return this.setupLink(token);
  }

  setupLink(token: string): string {
    return `${this.env.CONSOLE_URL}setup/${token}`;
  }

  /** Signs the operator out everywhere, and takes its unused set-up links away. */
  async endAccess(m: EntityManager, operatorId: string): Promise<void> {
    await this.sessions.deleteForOperator(m, operatorId);
    await this.setupTokens.deleteFor(m, operatorId);
  }
}
