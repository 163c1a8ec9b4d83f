import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { recordOfficeAudit } from '../audit/office-audit.repository';
import { AccessTokensService, Clock, TOKEN_CLOCK } from '../auth/access-tokens.service';
import { OfficesRepository } from '../offices/offices.repository';
import { SessionTokensDto } from './dto/staff.dto';
import { UNKNOWN_USER_HASH, verifyPassword } from './passwords';
import { StaffUserEntity } from './staff-user.entity';
import { StaffErrors } from './staff.errors';
import { staffTarget } from './staff.service';
import { StaffUsersRepository } from './staff-users.repository';

/** A session lasts a working day from sign-in, however often its refresh token rotates. */
export const SESSION_SECONDS = 8 * 3600;
/** Consecutive failed sign-ins that lock a login id, and for how long. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;
const REFRESH_PREFIX = 'cpr_';

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

type SignInOutcome =
  | { kind: 'failed' }
  | { kind: 'locked'; until: Date }
  | { kind: 'suspended' }
  | { kind: 'signedIn'; user: StaffUserEntity; session: NewRefresh };
type RefreshOutcome =
  | { kind: 'invalid' | 'revoked' | 'reused' | 'expired' }
  | { kind: 'rotated'; user: StaffUserEntity; session: NewRefresh };

interface NewRefresh {
  token: string;
  chainId: string;
  expiresAt: Date;
}

/**
 * Staff sign-in and sessions: office number + login id + password (scrypt) → an access token (60 min) and a
 * refresh token, rotated on every use, for a session of 8 hours. A refresh token used twice (stolen, or a replay)
 * ends its whole session. Failed sign-ins are counted per user; five in a row lock it for 15 minutes. Outcomes
 * are decided in a transaction and refused after it commits, so a failure's count and a reuse's revocation hold.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staff: StaffUsersRepository,
    private readonly offices: OfficesRepository,
    private readonly tokens: AccessTokensService,
    @Optional() @Inject(TOKEN_CLOCK) private readonly clock: Clock = () => new Date(),
  ) {}

  async signIn(officeNumber: string, loginId: string, password: string): Promise<SessionTokensDto> {
    const now = this.clock();
    const outcome = await this.dataSource.transaction((m) =>
      this.tryPassword(m, officeNumber, loginId, password, now),
    );
    switch (outcome.kind) {
      case 'failed':
        throw StaffErrors.signInFailed();
      case 'locked':
        throw StaffErrors.locked(outcome.until);
      case 'suspended':
        throw StaffErrors.suspended();
      case 'signedIn':
        return this.tokensOf(outcome.user, outcome.session, now);
    }
  }

  async refresh(refreshToken: string): Promise<SessionTokensDto> {
    const now = this.clock();
    const outcome = await this.dataSource.transaction((m) => this.rotate(m, refreshToken, now));
    switch (outcome.kind) {
      case 'invalid':
        throw StaffErrors.refreshInvalid();
      case 'revoked':
        throw StaffErrors.refreshRevoked();
      case 'reused':
        throw StaffErrors.refreshReused();
      case 'expired':
        throw StaffErrors.refreshExpired();
      case 'rotated':
        return this.tokensOf(outcome.user, outcome.session, now);
    }
  }

  /** Ends the session of a refresh token (RFC 7009: an unknown token is no error). */
  async signOut(refreshToken: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.staff.findRefreshToken(m, hashOf(refreshToken));
      if (row) await this.staff.revokeChain(m, row.chainId, this.clock());
    });
  }

  private async tryPassword(
    m: EntityManager,
    officeNumber: string,
    loginId: string,
    password: string,
    now: Date,
  ): Promise<SignInOutcome> {
    const office = await this.offices.find(officeNumber, m);
    const user = office ? await this.staff.findForSignIn(m, officeNumber, loginId) : null;
    if (!user) {
      // As long as a wrong password: the answer does not tell which login ids exist.
      await verifyPassword(password, UNKNOWN_USER_HASH);
      return { kind: 'failed' };
    }
    if (user.lockedUntil && user.lockedUntil > now) return { kind: 'locked', until: user.lockedUntil };
    if (!(await verifyPassword(password, user.passwordHash))) {
      const failures = user.failedSignIns + 1;
      const lock = failures >= LOCK_AFTER_FAILURES ? new Date(now.getTime() + LOCK_SECONDS * 1000) : null;
      await this.staff.update(m, user.id, { failedSignIns: lock ? 0 : failures, lockedUntil: lock });
      // The service locks it, not a person of the office: no actor (whoever typed the passwords is unknown).
      if (lock)
        await recordOfficeAudit(m, {
          officeNumber,
          action: 'staff.locked',
          origin: 'system',
          target: staffTarget(user),
          details: { lockedUntil: lock.toISOString(), failedSignIns: failures },
          at: now,
        });
      return { kind: 'failed' };
    }
    if (user.suspendedAt) return { kind: 'suspended' };
    await this.staff.update(m, user.id, { failedSignIns: 0, lockedUntil: null, lastSignInAt: now });
    const session = await this.newRefresh(
      m,
      user,
      randomUUID(),
      new Date(now.getTime() + SESSION_SECONDS * 1000),
      now,
    );
    return { kind: 'signedIn', user, session };
  }

  private async rotate(m: EntityManager, refreshToken: string, now: Date): Promise<RefreshOutcome> {
    const row = await this.staff.findRefreshToken(m, hashOf(refreshToken));
    if (!row) return { kind: 'invalid' };
    if (row.revokedAt) return { kind: 'revoked' };
    if (row.usedAt) {
      await this.staff.revokeChain(m, row.chainId, now);
      return { kind: 'reused' };
    }
    if (row.expiresAt <= now) return { kind: 'expired' };
    const user = await this.staff.findById(row.staffUserId);
    if (!user || user.removedAt || user.suspendedAt) {
      await this.staff.revokeChain(m, row.chainId, now);
      return { kind: 'revoked' };
    }
    await this.staff.markUsed(m, row.id, now);
    return {
      kind: 'rotated',
      user,
      session: await this.newRefresh(m, user, row.chainId, row.expiresAt, now),
    };
  }

  private async newRefresh(
    m: EntityManager,
    user: StaffUserEntity,
    chainId: string,
    expiresAt: Date,
    now: Date,
  ): Promise<NewRefresh> {
    const token = REFRESH_PREFIX + randomBytes(32).toString('base64url');
    await this.staff.insertRefreshToken(m, {
      id: randomUUID(),
      chainId,
      staffUserId: user.id,
      tokenHash: hashOf(token),
      createdAt: now,
      expiresAt,
      usedAt: null,
      revokedAt: null,
    });
    return { token, chainId, expiresAt };
  }

  private async tokensOf(user: StaffUserEntity, session: NewRefresh, now: Date): Promise<SessionTokensDto> {
    const access = await this.tokens.issue({
      officeNumber: user.officeNumber,
      role: user.role,
      staffUserId: user.id,
      sessionId: session.chainId,
    });
    return {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      refresh_token: session.token,
      refresh_expires_in: Math.max(0, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000)),
      scope: user.role,
    };
  }
}
