import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { limitFailedAuthentication, limitPrincipal } from '@careplan/platform';
import type { OperatorRequest } from '../operators/operator.guard';
import { ConsoleSessions, SessionErrors } from './console-sessions';

/**
 * GET and DELETE /ops/v1/session: the console session alone (a bearer token has none), with the CSRF header on
 * DELETE. Counted like OperatorGuard: per operator, and refusals per address.
 */
@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  constructor(private readonly sessions: ConsoleSessions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<OperatorRequest>();
    try {
      if (!this.sessions.hasCookie(req)) throw SessionErrors.missing();
      req.operator = await this.sessions.authenticate(req);
    } catch (e) {
      await limitFailedAuthentication(req, e);
      throw e;
    }
    await limitPrincipal(req, `operator:${req.operator.id}`);
    return true;
  }
}
