import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthenticatedOffice, OfficesService } from './offices.service';

type AuthenticatedRequest = FastifyRequest & { office?: AuthenticatedOffice };

/** Every vendor endpoint acts for the office of the X-API-Key it is called with, and only for it. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly offices: OfficesService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers['x-api-key'];
    req.office = await this.offices.authenticate(Array.isArray(header) ? header[0] : header);
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
