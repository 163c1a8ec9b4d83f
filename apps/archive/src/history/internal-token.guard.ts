import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppException } from '@careplan/platform';
import { ArchiveEnv } from '../config/archive.env';

/** Internal routes answer only other services of the exchange, which present the shared token. */
@Injectable()
export class InternalTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(ArchiveEnv) env: ArchiveEnv) {
    this.expected = Buffer.from(env.INTERNAL_TOKEN, 'utf8');
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers['x-internal-token'];
    const given = Buffer.from(typeof header === 'string' ? header : '', 'utf8');
    if (given.length === this.expected.length && timingSafeEqual(given, this.expected)) return true;
    throw new AppException('INTERNAL_TOKEN_INVALID', HttpStatus.UNAUTHORIZED, {
      ja: '内部APIの認証に失敗しました。',
      en: 'Internal API authentication failed.',
    });
  }
}
