import { Module } from '@nestjs/common';
import { ConsoleCredentials } from '../console-auth/console-credentials';
import { ConsoleSessionRepository } from '../console-auth/console-session.repository';
import { ConsoleSessions } from '../console-auth/console-sessions';
import { SetupTokenRepository } from '../console-auth/setup-token.repository';
import { OperatorGuard } from './operator.guard';
import { OpsOperatorsController } from './operators.controller';
import { OperatorRepository } from './operator.repository';
import { OperatorsService } from './operators.service';

/**
 * Operator accounts and the guard every /ops/v1 feature imports (a bearer token or a console session), with
 * the console access that account changes touch (set-up links, sessions).
 */
@Module({
  controllers: [OpsOperatorsController],
  providers: [
    OperatorsService,
    OperatorRepository,
    OperatorGuard,
    ConsoleSessions,
    ConsoleCredentials,
    ConsoleSessionRepository,
    SetupTokenRepository,
  ],
  exports: [
    OperatorsService,
    OperatorGuard,
    OperatorRepository,
    ConsoleSessions,
    ConsoleCredentials,
    ConsoleSessionRepository,
    SetupTokenRepository,
  ],
})
export class OperatorsModule {}
