import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { limitFailedAuthentication, limitPrincipal } from '@careplan/platform';
import { AuthenticatedOffice, OfficesService } from './offices.service';

type AuthenticatedRequest = FastifyRequest & { office?: AuthenticatedOffice };

/**
 * Every vendor endpoint acts for the office of the X-API-Key it is called with, and only for it; the office's
 * requests share one rate limit, whichever of its keys they carry.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly offices: OfficesService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers['x-api-key'];
    try {
      req.office = await this.offices.authenticate(Array.isArray(header) ? header[0] : header);
    } catch (e) {
      // Guessing keys counts against the caller's address like any unauthenticated request.
      await limitFailedAuthentication(req, e);
      throw e;
    }
    await limitPrincipal(req, `office:${req.office.officeNumber}`);
    return true;
  }
}

export const CurrentOffice = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedOffice => {
    const office = context.switchToHttp().getRequest<AuthenticatedRequest>().office;
    if (!office) throw new Error('CurrentOffice used on a route without ApiKeyGuard');
    return office;
  },
);
