import { Injectable } from '@nestjs/common';
import { Problems } from '@careplan/contracts';
import { AppException, problem } from '@careplan/platform';
import { AuthenticatedOffice, KeyAuthenticatedOffice, OfficesService } from '../offices/offices.service';
import { roleAllows } from '../offices/require-role';
import { AccessTokensService } from './access-tokens.service';
import { AuthErrors } from './auth.errors';
import { AccessTokenDto, CallerDto } from './dto/token.dto';
import type { ClientCredentialsRequest } from './token-request';

/**
 * Key → access token (OAuth 2.0 client credentials): vendor software that would rather not send its long-lived
 * key on every request sends it here once an hour. The key is checked as on any request; the token carries the
 * key's role, or member when an admin key asks for less.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly offices: OfficesService,
    private readonly tokens: AccessTokensService,
  ) {}

  async exchange(request: ClientCredentialsRequest): Promise<AccessTokenDto> {
    const office = await this.client(request);
    const role = request.scope ?? office.role;
    if (!roleAllows(office.role, role))
      throw AuthErrors.scopeInvalid(role, office.role === 'admin' ? 'admin or member' : 'member');
    const issued = await this.tokens.issue({
      keyId: office.apiKeyId,
      officeNumber: office.officeNumber,
      role,
    });
    return { access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn, scope: role };
  }

  caller(office: AuthenticatedOffice): CallerDto {
    return {
      officeNumber: office.officeNumber,
      officeName: office.name,
      keyId: office.apiKeyId,
      staff: office.staff ?? null,
      role: office.role,
      credential: office.credential,
    };
  }

  /** The key's own problems (API_KEY_MISSING, …), with RFC 6749's `error` for OAuth client libraries. */
  private async client(request: ClientCredentialsRequest): Promise<KeyAuthenticatedOffice> {
    let office: KeyAuthenticatedOffice;
    try {
      office = await this.offices.authenticate(request.secret);
    } catch (e) {
      if (e instanceof AppException && (e.status === 401 || e.status === 403))
        throw problem(
          e.definition,
          {},
          { ...e.extra, error: e.status === 401 ? 'invalid_client' : 'unauthorized_client' },
        );
      throw e;
    }
    const { clientId } = request;
    if (clientId !== undefined && clientId !== office.apiKeyId && clientId !== office.officeNumber)
      throw problem(Problems.API_KEY_INVALID, {}, { error: 'invalid_client' });
    return office;
  }
}
