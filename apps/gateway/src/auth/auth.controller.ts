import { Body, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { ApiProblems, limitFailedAuthentication, PublicRoute } from '@careplan/platform';
import { CurrentOffice, VendorAuth } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { SignInBody, SessionTokensDto, SignOutBody } from '../staff/dto/staff.dto';
import { SessionsService } from '../staff/sessions.service';
import { AuthService } from './auth.service';
import { AccessTokenDto, CallerDto, JwkSetDto, TokenRequestBody } from './dto/token.dto';
import { TokenKeysService } from './token-keys.service';
import { readTokenRequest } from './token-request';

@ApiTags('auth')
@ApiExtraModels(AccessTokenDto, SessionTokensDto)
@ApiProblems(...ProblemGroups.any)
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly keys: TokenKeysService,
  ) {}

  @ApiOperation({
    summary: "An access token for a key, or a staff session's next one (OAuth 2.0) — アクセストークンの発行",
    description:
      'grant_type=client_credentials: the key as HTTP Basic password (client_id: the key id or the office number, ' +
      'or empty), as client_secret, or in X-API-Key: one of them; the token is valid 60 minutes, until its key is ' +
      "revoked. grant_type=refresh_token: a staff session's refresh token, used once: the answer has the next one.",
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
    Problems.REFRESH_TOKEN_INVALID,
    Problems.REFRESH_TOKEN_EXPIRED,
    Problems.REFRESH_TOKEN_REUSED,
    Problems.REFRESH_TOKEN_REVOKED,
  )
  @Post('v1/auth/token')
  @PublicRoute()
  @HttpCode(200)
  // RFC 6749 5.1: a token is never cached.
  @Header('cache-control', 'no-store')
  @Header('pragma', 'no-cache')
  @ApiOkResponse({
    description: 'client_credentials: AccessTokenDto; refresh_token: SessionTokensDto',
    schema: { anyOf: [{ $ref: getSchemaPath(AccessTokenDto) }, { $ref: getSchemaPath(SessionTokensDto) }] },
  })
  async token(
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenDto | SessionTokensDto> {
    const request = readTokenRequest(body, req.headers);
    try {
      if (request.grant === 'refresh_token') return await this.sessions.refresh(request.refreshToken);
      return await this.auth.exchange(request);
    } catch (e) {
      await limitFailedAuthentication(req, e);
      // RFC 6749 5.2: a client that authenticated with HTTP Basic is told the scheme again.
      if (
        request.grant === 'client_credentials' &&
        request.basic &&
        e instanceof Error &&
        'status' in e &&
        e.status === 401
      )
        void reply.header('www-authenticate', 'Basic realm="careplan-exchange"');
      throw e;
    }
  }

  @ApiOperation({
    summary: 'Sign a staff user in: an access token and a refresh token (8 h) — スタッフのサインイン',
    security: [],
  })
  @ApiProblems(
    ...ProblemGroups.jsonBody,
    Problems.SIGN_IN_FAILED,
    Problems.STAFF_SIGN_IN_LOCKED,
    Problems.STAFF_SUSPENDED,
  )
  @Post('v1/auth/sign-in')
  @PublicRoute()
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @Header('pragma', 'no-cache')
  @ApiOkResponse({ type: SessionTokensDto })
  async signIn(@Body() body: SignInBody, @Req() req: FastifyRequest): Promise<SessionTokensDto> {
    try {
      return await this.sessions.signIn(body.officeNumber, body.loginId, body.password);
    } catch (e) {
      // Guessing passwords counts against the address too, beside the user's own lock.
      await limitFailedAuthentication(req, e);
      throw e;
    }
  }

  @ApiOperation({ summary: "End a staff user's session (its refresh token) — サインアウト", security: [] })
  @ApiProblems(...ProblemGroups.jsonBody)
  @Post('v1/auth/sign-out')
  @PublicRoute()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'also for a token that is unknown or already ended' })
  signOut(@Body() body: SignOutBody): Promise<void> {
    return this.sessions.signOut(body.refresh_token);
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
