import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { RouterEnv } from '../config/router.env';
import { DeadLetterErrors } from './dead-letters.errors';

/** Internal routes answer only other services of the exchange, which present the shared token. */
@Injectable()
export class InternalTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(RouterEnv) env: RouterEnv) {
    this.expected = Buffer.from(env.INTERNAL_TOKEN, 'utf8');
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers['x-internal-token'];
    const given = Buffer.from(typeof header === 'string' ? header : '', 'utf8');
    if (given.length === this.expected.length && timingSafeEqual(given, this.expected)) return true;
    throw DeadLetterErrors.internalTokenInvalid();
  }
}
