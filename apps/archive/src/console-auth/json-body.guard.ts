import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';

/**
 * Sign-in and set-up take only `content-type: application/json`: a page elsewhere cannot post that without the
 * browser asking first (CORS), and the cookie is SameSite=Strict, so these routes need no CSRF token.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const type = context.switchToHttp().getRequest<FastifyRequest>().headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) throw problem(Problems.UNSUPPORTED_MEDIA_TYPE);
    return true;
  }
}
