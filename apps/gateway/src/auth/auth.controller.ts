import { Body, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { ApiProblems, limitFailedAuthentication, PublicRoute } from '@careplan/platform';
import { CurrentOffice, VendorAuth } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { AuthService } from './auth.service';
import { AccessTokenDto, CallerDto, JwkSetDto, TokenRequestBody } from './dto/token.dto';
import { TokenKeysService } from './token-keys.service';
import { readTokenRequest } from './token-request';

@ApiTags('auth')
@ApiProblems(...ProblemGroups.any)
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly keys: TokenKeysService,
  ) {}

  @ApiOperation({
    summary:
      'Exchange an API key for an access token (OAuth 2.0 client credentials) — アクセストークンの発行',
    description:
      'grant_type=client_credentials; the key as HTTP Basic password (client_id: the key id or the office number, ' +
      'or empty), as client_secret, or in X-API-Key: one of them. The token is valid 60 minutes, until its key is revoked.',
    security: [{ clientBasic: [] }, { apiKey: [] }, {}],
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ type: TokenRequestBody })
  @ApiProblems(
    Problems.UNSUPPORTED_MEDIA_TYPE,
    Problems.PAYLOAD_TOO_LARGE,
    Problems.BAD_REQUEST,
    Problems.TOKEN_REQUEST_INVALID,
    Problems.TOKEN_GRANT_UNSUPPORTED,
    Problems.TOKEN_SCOPE_INVALID,
    Problems.API_KEY_MISSING,
    Problems.API_KEY_INVALID,
    Problems.API_KEY_REVOKED,
    Problems.OFFICE_NOT_REGISTERED,
  )
  @Post('v1/auth/token')
  @PublicRoute()
  @HttpCode(200)
  // RFC 6749 5.1: a token is never cached.
  @Header('cache-control', 'no-store')
  @Header('pragma', 'no-cache')
  @ApiOkResponse({ type: AccessTokenDto })
  async token(
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenDto> {
    const request = readTokenRequest(body, req.headers);
    try {
      return await this.auth.exchange(request);
    } catch (e) {
      await limitFailedAuthentication(req, e);
      // RFC 6749 5.2: a client that authenticated with HTTP Basic is told the scheme again.
      if (request.basic && e instanceof Error && 'status' in e && e.status === 401)
        void reply.header('www-authenticate', 'Basic realm="careplan-exchange"');
      throw e;
    }
  }

  @ApiOperation({
    summary: 'The keys that verify access tokens (JWK Set) — アクセストークン検証用の公開鍵',
    security: [],
  })
  @Get('.well-known/jwks.json')
  @PublicRoute()
  @Header('cache-control', 'public, max-age=300')
  @ApiOkResponse({ type: JwkSetDto })
  jwks(): Promise<JwkSetDto> {
    return this.keys.keySet();
  }

  @ApiOperation({ summary: 'Who the credential is: office, key and role — 認証情報の確認' })
  @ApiProblems(...ProblemGroups.vendorKey)
  @Get('v1/me')
  @VendorAuth()
  @ApiOkResponse({ type: CallerDto })
  me(@CurrentOffice() office: AuthenticatedOffice): CallerDto {
    return this.auth.caller(office);
  }
}
