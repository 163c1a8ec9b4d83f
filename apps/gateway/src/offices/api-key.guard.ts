import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { limitFailedAuthentication, limitPrincipal } from '@careplan/platform';
import { AccessTokensService } from '../auth/access-tokens.service';
import { AuthenticatedOffice, OfficesService } from './offices.service';

export type AuthenticatedRequest = FastifyRequest & { office?: AuthenticatedOffice };

const BEARER = /^Bearer +(\S*) *$/i;

/** The token of `Authorization: Bearer <token>` (RFC 6750); undefined for no header or another scheme. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
}

/**
 * Every vendor endpoint acts for the office of the credential it is called with, and only for it: an API key
 * in X-API-Key, or else an access token issued for one (Authorization: Bearer, POST /v1/auth/token). The
 * office's requests share one rate limit, whichever of its keys or tokens they carry.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly offices: OfficesService,
    private readonly tokens: AccessTokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // Already authenticated by this guard earlier on the route (@RequireRole brings it too): once is enough.
    if (req.office) return true;
    const bearer = bearerTokenOf(req.headers.authorization);
    try {
      req.office = await this.authenticate(req, bearer);
    } catch (e) {
      // Guessing keys counts against the caller's address like any unauthenticated request.
      await limitFailedAuthentication(req, e);
      if (bearer !== undefined && req.headers['x-api-key'] === undefined)
        void context
          .switchToHttp()
          .getResponse<FastifyReply>()
          .header('www-authenticate', 'Bearer realm="careplan-exchange", error="invalid_token"');
      throw e;
    }
    await limitPrincipal(req, `office:${req.office.officeNumber}`);
    return true;
  }

  private async authenticate(req: FastifyRequest, bearer: string | undefined): Promise<AuthenticatedOffice> {
    const header = req.headers['x-api-key'];
    // The key itself wins when both come: it is the stronger credential, and proxies add Authorization headers.
    if (header !== undefined) return this.offices.authenticate(Array.isArray(header) ? header[0] : header);
    if (bearer !== undefined) return this.offices.authenticateToken(await this.tokens.verify(bearer));
    return this.offices.authenticate(undefined);
  }
}

export const CurrentOffice = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedOffice => {
    const office = context.switchToHttp().getRequest<AuthenticatedRequest>().office;
    if (!office) throw new Error('CurrentOffice used on a route without ApiKeyGuard');
    return office;
  },
);

/**
 * A route of the vendor API: ApiKeyGuard, and both credentials it takes in the OpenAPI document (either one:
 * `apiKey` X-API-Key, or `accessToken` Authorization: Bearer).
 */
export const VendorAuth = (): ClassDecorator & MethodDecorator =>
  applyDecorators(ApiSecurity('apiKey'), ApiBearerAuth('accessToken'), UseGuards(ApiKeyGuard));
