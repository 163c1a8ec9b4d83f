import { Injectable } from '@nestjs/common';
import type { Actor, KeyRole } from '@careplan/contracts';
import type { AccessTokenClaims } from '../auth/access-tokens.service';
import { AuthErrors } from '../auth/auth.errors';
import { hashApiKey } from './api-key';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';
import { OfficeEntity } from './office.entity';
import { OfficeErrors } from './offices.errors';
import { OfficesRepository } from './offices.repository';
import { StaffUsersRepository } from '../staff/staff-users.repository';

/** The office that an authenticated request acts for. */
export interface AuthenticatedOffice {
  officeNumber: string;
  name: string;
  licenseActive: boolean;
  /** The API key, or the key an access token was issued for; null for a staff user's token. */
  apiKeyId: string | null;
  /** That key's label (who it is for: a PC, a program), to name it as the actor of what the request does. */
  apiKeyLabel?: string;
  /** The staff user who signed in, for a token of a staff session. */
  staff?: { id: string; loginId: string; displayName: string } | null;
  /** The key's role, or the token's (a token may carry less than its key: scope=member). */
  role: KeyRole;
  /** How the request proved it: the key itself (X-API-Key) or an access token issued for it (Bearer). */
  credential: 'apiKey' | 'accessToken';
}

/**
 * Who the request acts as, for the history and the audit trail: the staff user of a staff session's token, else
 * the key (itself, or the one a token was issued for). Undefined only for an office made up without either.
 */
export function actorOf(office: AuthenticatedOffice): Actor | undefined {
  if (office.staff) return { type: 'staff', id: office.staff.id, label: office.staff.loginId };
  if (office.apiKeyId) return { type: 'key', id: office.apiKeyId, label: office.apiKeyLabel ?? '' };
  return undefined;
}

/** An office authenticated by one of its keys (itself, or a token of it). */
export type KeyAuthenticatedOffice = AuthenticatedOffice & { apiKeyId: string };

const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class OfficesService {
  constructor(
    private readonly offices: OfficesRepository,
    private readonly keys: ApiKeysRepository,
    private readonly staff: StaffUsersRepository,
  ) {}

  async authenticate(key: string | undefined): Promise<KeyAuthenticatedOffice> {
    if (!key) throw OfficeErrors.keyMissing();
    const found = await this.keys.findWithOffice({ keyHash: hashApiKey(key) });
    if (!found) throw OfficeErrors.keyInvalid();
    if (found.key.revokedAt) throw OfficeErrors.keyRevoked();
    return this.officeOf(found.key, found.key.role, 'apiKey', found.office);
  }

  /**
   * The office of a verified access token, as long as the key it was issued for is active: revoking a key stops
   * its tokens at the next request (one primary-key read, as a key's own check is one read by its hash).
   */
  async authenticateToken(claims: AccessTokenClaims): Promise<AuthenticatedOffice> {
    if (!('keyId' in claims)) return this.authenticateStaff(claims);
    const found = await this.keys.findWithOffice({ id: claims.keyId });
    if (!found || found.key.officeNumber !== claims.officeNumber) throw AuthErrors.tokenInvalid();
    if (found.key.revokedAt) throw AuthErrors.tokenRevoked();
    return this.officeOf(found.key, claims.role, 'accessToken', found.office);
  }

  /**
   * A staff session's token holds while its user is neither suspended nor removed and the session is on (not
   * signed out, not ended by a reused refresh token): checked on every request, so it stops at once. Its role is
   * never more than the user's now.
   */
  private async authenticateStaff(
    claims: Extract<AccessTokenClaims, { staffUserId: string }>,
  ): Promise<AuthenticatedOffice> {
    const [user, sessionOn] = await Promise.all([
      this.staff.findById(claims.staffUserId),
      this.staff.sessionActive(claims.sessionId),
    ]);
    if (!user || user.officeNumber !== claims.officeNumber) throw AuthErrors.tokenInvalid();
    if (user.removedAt || user.suspendedAt || !sessionOn) throw AuthErrors.tokenRevoked();
    const office = await this.offices.find(user.officeNumber);
    if (!office) throw OfficeErrors.officeNotRegistered();
    return {
      officeNumber: office.officeNumber,
      name: office.name,
      licenseActive: office.licenseActive,
      apiKeyId: null,
      staff: { id: user.id, loginId: user.loginId, displayName: user.displayName },
      role: claims.role === 'admin' && user.role === 'admin' ? 'admin' : 'member',
      credential: 'accessToken',
    };
  }

  private async officeOf(
    apiKey: ApiKeyEntity,
    role: KeyRole,
    credential: AuthenticatedOffice['credential'],
    /** The key's office when already read with it (undefined: read it now). */
    known?: OfficeEntity | null,
  ): Promise<KeyAuthenticatedOffice> {
    const office = known === undefined ? await this.offices.find(apiKey.officeNumber) : known;
    if (!office) throw OfficeErrors.officeNotRegistered();
    await this.touch(apiKey);
    return {
      officeNumber: office.officeNumber,
      name: office.name,
      licenseActive: office.licenseActive,
      apiKeyId: apiKey.id,
      apiKeyLabel: apiKey.label,
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
