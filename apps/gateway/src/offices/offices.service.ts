import { Injectable } from '@nestjs/common';
import type { KeyRole } from '@careplan/contracts';
import type { AccessTokenClaims } from '../auth/access-tokens.service';
import { AuthErrors } from '../auth/auth.errors';
import { hashApiKey } from './api-key';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';
import { OfficeEntity } from './office.entity';
import { OfficeErrors } from './offices.errors';
import { OfficesRepository } from './offices.repository';

/** The office that an authenticated request acts for. */
export interface AuthenticatedOffice {
  officeNumber: string;
  name: string;
  licenseActive: boolean;
  apiKeyId: string;
  /** The key's role, or the token's (a token may carry less than its key: scope=member). */
  role: KeyRole;
  /** How the request proved it: the key itself (X-API-Key) or an access token issued for it (Bearer). */
  credential: 'apiKey' | 'accessToken';
}

const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class OfficesService {
  constructor(
    private readonly offices: OfficesRepository,
    private readonly keys: ApiKeysRepository,
  ) {}

  async authenticate(key: string | undefined): Promise<AuthenticatedOffice> {
    if (!key) throw OfficeErrors.keyMissing();
    const apiKey = await this.keys.findByHash(hashApiKey(key));
    if (!apiKey) throw OfficeErrors.keyInvalid();
    if (apiKey.revokedAt) throw OfficeErrors.keyRevoked();
    return this.officeOf(apiKey, apiKey.role, 'apiKey');
  }

  /**
   * The office of a verified access token, as long as the key it was issued for is active: revoking a key stops
   * its tokens at the next request (one primary-key read, as a key's own check is one read by its hash).
   */
  async authenticateToken(claims: AccessTokenClaims): Promise<AuthenticatedOffice> {
    const apiKey = await this.keys.findById(claims.keyId);
    if (!apiKey || apiKey.officeNumber !== claims.officeNumber) throw AuthErrors.tokenInvalid();
    if (apiKey.revokedAt) throw AuthErrors.tokenRevoked();
    return this.officeOf(apiKey, claims.role, 'accessToken');
  }

  private async officeOf(
    apiKey: ApiKeyEntity,
    role: KeyRole,
    credential: AuthenticatedOffice['credential'],
  ): Promise<AuthenticatedOffice> {
    const office = await this.offices.find(apiKey.officeNumber);
    if (!office) throw OfficeErrors.officeNotRegistered();
    await this.touch(apiKey);
    return {
      officeNumber: office.officeNumber,
      name: office.name,
      licenseActive: office.licenseActive,
      apiKeyId: apiKey.id,
      role,
      credential,
    };
  }

  find(officeNumber: string): Promise<OfficeEntity | null> {
    return this.offices.find(officeNumber);
  }

  /** Records last use at most once a minute per key: no write, and no round trip, on most requests. */
  private async touch(key: ApiKeyEntity): Promise<void> {
    const now = Date.now();
    if (key.lastUsedAt && now - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    await this.keys.markUsed(key.id, new Date(now));
  }
}
