import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppException } from '../errors/app.exception';

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
    throw new AppException('INTERNAL_TOKEN_INVALID', HttpStatus.UNAUTHORIZED, {
      ja: '内部APIの認証に失敗しました。',
      en: 'Internal API authentication failed.',
    });
  }
}
