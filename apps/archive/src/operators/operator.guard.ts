import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { limitFailedAuthentication, limitPrincipal } from '@careplan/platform';
import { ConsoleSessions } from '../console-auth/console-sessions';
import type { OperatorContext } from './operator-scope';
import { OperatorsService } from './operators.service';

export type OperatorRequest = FastifyRequest & { operator?: OperatorContext };

/**
 * Every /ops/v1 route acts for the operator of the bearer token (scripts) or of the console's session cookie,
 * within its role and prefecture. A bearer token wins when both come.
 */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(
    private readonly operators: OperatorsService,
    private readonly sessions: ConsoleSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<OperatorRequest>();
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    try {
      req.operator =
        bearer === undefined && this.sessions.hasCookie(req)
          ? await this.sessions.authenticate(req)
          : await this.operators.authenticate(bearer);
    } catch (e) {
      // Guessing tokens counts against the caller's address like any unauthenticated request.
      await limitFailedAuthentication(req, e);
      throw e;
    }
    await limitPrincipal(req, `operator:${req.operator.id}`);
    return true;
  }
}

export const CurrentOperator = createParamDecorator(
  (_: unknown, context: ExecutionContext): OperatorContext => {
    const op = context.switchToHttp().getRequest<OperatorRequest>().operator;
    if (!op) throw new Error('CurrentOperator used on a route without OperatorGuard');
    return op;
  },
);
