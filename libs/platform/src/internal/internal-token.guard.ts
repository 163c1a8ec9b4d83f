import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { problem } from '../errors/app.exception';
import { PLATFORM_PROBLEMS } from '../errors/platform.problems';

/** The shared secret services present to each other's internal routes (provided from INTERNAL_TOKEN). */
export const INTERNAL_TOKEN = Symbol('INTERNAL_TOKEN');
export const INTERNAL_TOKEN_HEADER = 'x-internal-token';

/** Internal routes answer only other services of the exchange, which present the shared token. */
@Injectable()
export class InternalTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(INTERNAL_TOKEN) token: string) {
    this.expected = Buffer.from(token, 'utf8');
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers[INTERNAL_TOKEN_HEADER];
    const given = Buffer.from(typeof header === 'string' ? header : '', 'utf8');
    if (given.length === this.expected.length && timingSafeEqual(given, this.expected)) return true;
    throw problem(PLATFORM_PROBLEMS.INTERNAL_TOKEN_INVALID);
  }
}
