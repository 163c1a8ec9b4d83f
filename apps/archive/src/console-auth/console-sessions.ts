import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';
import { ArchiveEnv } from '../config/archive.env';
import type { OperatorContext } from '../operators/operator-scope';
import { OperatorRepository } from '../operators/operator.repository';
import {
  CONSOLE_COOKIE,
  consoleSessionData,
  csrfMatches,
  isLiveSession,
  isUnsafeMethod,
  sessionEnds,
  sessionLimitsOf,
} from './console-session';
import { markBegun } from './console-session.store';
import type { SessionDto } from './dto/session.dto';

export const SessionErrors = {
  missing: () => problem(Problems.CONSOLE_SESSION_MISSING),
  expired: () => problem(Problems.CONSOLE_SESSION_EXPIRED),
  csrf: () => problem(Problems.CONSOLE_CSRF),
};

/**
 * The console's half of operator authentication: the session cookie (registerConsoleSession loads the
 * session), checked on every request for its idle and absolute end and for an operator still allowed in.
 */
@Injectable()
export class ConsoleSessions {
  constructor(
    private readonly env: ArchiveEnv,
    private readonly operators: OperatorRepository,
  ) {}

  /** Whether the request came with the console's cookie (a live session or not). */
  hasCookie(req: FastifyRequest): boolean {
    return typeof req.cookies?.[CONSOLE_COOKIE] === 'string';
  }

  /**
   * The operator of the request's session, refreshed from its account (a role changed, a revocation, a reset
   * apply at once). Unsafe methods need X-CSRF-Token. A request that passes counts as activity.
   */
  async authenticate(req: FastifyRequest, now = new Date()): Promise<OperatorContext> {
    const data = consoleSessionData(req.session);
    if (!data) throw SessionErrors.expired();
    const op = isLiveSession(data, sessionLimitsOf(this.env), now)
      ? await this.operators.findById(data.operatorId)
      : null;
    if (!op || op.revokedAt || !op.passwordHash) {
      await req.session.destroy();
      throw SessionErrors.expired();
    }
    if (isUnsafeMethod(req.method) && !csrfMatches(data.csrfToken, req.headers['x-csrf-token']))
      throw SessionErrors.csrf();
    req.session.lastSeenAt = now.getTime();
    return { id: op.id, name: op.name, role: op.role, prefecture: op.prefecture };
  }

  /** A new session for the operator who just signed in (a new id, whatever the request came with). */
  async begin(req: FastifyRequest, op: OperatorContext, now = new Date()): Promise<SessionDto> {
    await req.session.regenerate();
    const s = req.session;
    s.operatorId = op.id;
    s.csrfToken = randomBytes(32).toString('base64url');
    s.signedInAt = now.getTime();
    s.lastSeenAt = now.getTime();
    markBegun(s);
    return this.describe(req, op);
  }

  describe(req: FastifyRequest, op: OperatorContext): SessionDto {
    const data = consoleSessionData(req.session);
    if (!data) throw SessionErrors.expired();
    const ends = sessionEnds(data, sessionLimitsOf(this.env));
    return {
      operator: op,
      csrfToken: data.csrfToken,
      idleExpiresAt: ends.idleExpiresAt.toISOString(),
      expiresAt: ends.expiresAt.toISOString(),
    };
  }

  async end(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    await req.session.destroy();
    reply.clearCookie(CONSOLE_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
  }
}
