import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { limitFailedAuthentication, limitPrincipal } from '@careplan/platform';
import type { OperatorContext } from './operator-scope';
import { OperatorsService } from './operators.service';

type OperatorRequest = FastifyRequest & { operator?: OperatorContext };

/** Every /ops/v1 route acts for the operator of the bearer token, within its role and prefecture. */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(private readonly operators: OperatorsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<OperatorRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    try {
      req.operator = await this.operators.authenticate(match?.[1]);
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
