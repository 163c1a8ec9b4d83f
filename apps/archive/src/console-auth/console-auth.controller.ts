import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { ApiProblems, PublicRoute } from '@careplan/platform';
import { CurrentOperator } from '../operators/operator.guard';
import type { OperatorContext } from '../operators/operator-scope';
import { ConsoleAuthService } from './console-auth.service';
import { ConsoleSessionGuard } from './console-session.guard';
import { ConsoleSessions } from './console-sessions';
import { CompleteSetupDto, SessionDto, SetupDto, SignInDto } from './dto/session.dto';
import { JsonBodyGuard } from './json-body.guard';
import { CONSOLE_SECURITY } from '../ops/ops.openapi';

/** The operations console's sign-in: sessions in a cookie, and the one-time set-up links. */
@ApiTags('console sign-in')
@ApiProblems(...ProblemGroups.any)
@Controller('ops/v1')
export class ConsoleAuthController {
  constructor(
    private readonly auth: ConsoleAuthService,
    private readonly sessions: ConsoleSessions,
  ) {}

  @ApiOperation({
    summary: 'Sign in to the console — コンソールへのログイン',
    security: [],
    description:
      'Sets the session cookie `cpx_console`. Five failures in a row with one name lock it for CONSOLE_LOCK_MINUTES.',
  })
  @ApiProblems(...ProblemGroups.jsonBody, Problems.CONSOLE_SIGN_IN_FAILED, Problems.CONSOLE_ACCOUNT_LOCKED)
  @PublicRoute()
  @UseGuards(JsonBodyGuard)
  @Post('session')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  async signIn(@Req() req: FastifyRequest, @Body() dto: SignInDto): Promise<SessionDto> {
    const op = await this.auth.signIn(dto.name, dto.password, dto.code);
    return this.sessions.begin(req, op);
  }

  @ApiOperation({ summary: 'The console session — ログイン状態' })
  @ApiCookieAuth(CONSOLE_SECURITY)
  @ApiProblems(Problems.CONSOLE_SESSION_MISSING, Problems.CONSOLE_SESSION_EXPIRED)
  @UseGuards(ConsoleSessionGuard)
  @Get('session')
  @ApiOkResponse({ type: SessionDto })
  session(@Req() req: FastifyRequest, @CurrentOperator() op: OperatorContext): SessionDto {
    return this.sessions.describe(req, op);
  }

  @ApiOperation({ summary: 'Sign out — ログアウト', description: 'Needs the X-CSRF-Token header.' })
  @ApiCookieAuth(CONSOLE_SECURITY)
  @ApiProblems(Problems.CONSOLE_SESSION_MISSING, Problems.CONSOLE_SESSION_EXPIRED, Problems.CONSOLE_CSRF)
  @UseGuards(ConsoleSessionGuard)
  @Delete('session')
  @HttpCode(204)
  @ApiNoContentResponse()
  async signOut(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentOperator() op: OperatorContext,
  ): Promise<void> {
    await this.auth.signedOut(op);
    await this.sessions.end(req, reply);
  }

  @ApiOperation({ summary: 'A set-up link: the authenticator to enrol — 初期設定リンクの確認', security: [] })
  @ApiProblems(Problems.CONSOLE_SETUP_INVALID)
  @PublicRoute()
  @Get('setup/:token')
  @ApiOkResponse({ type: SetupDto })
  setup(@Param('token') token: string): Promise<SetupDto> {
    return this.auth.setup(token);
  }

  @ApiOperation({
    summary: 'Choose the password and enrol the authenticator — 初期設定（パスワードと認証アプリ）',
    security: [],
    description: 'Uses the link up and signs in: sets the session cookie `cpx_console`.',
  })
  @ApiProblems(
    ...ProblemGroups.jsonBody,
    Problems.CONSOLE_SETUP_INVALID,
    Problems.CONSOLE_SETUP_CODE,
    Problems.CONSOLE_NAME_TAKEN,
  )
  @PublicRoute()
  @UseGuards(JsonBodyGuard)
  @Post('setup/:token')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  async completeSetup(
    @Req() req: FastifyRequest,
    @Param('token') token: string,
    @Body() dto: CompleteSetupDto,
  ): Promise<SessionDto> {
    const op = await this.auth.completeSetup(token, dto.password, dto.code);
    return this.sessions.begin(req, op);
  }
}
