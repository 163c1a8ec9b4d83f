import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { ConsoleAuthController } from './console-auth.controller';
import { ConsoleAuthService } from './console-auth.service';
import { ConsoleSessionGuard } from './console-session.guard';
import { JsonBodyGuard } from './json-body.guard';
import { SignInFailureRepository } from './sign-in-failure.repository';

/**
 * The console's sign-in routes. The session itself (store, checks, set-up links) is provided by
 * OperatorsModule, whose guard accepts it; registerConsoleSession installs the cookie and session plugins.
 */
@Module({
  imports: [OperatorsModule],
  controllers: [ConsoleAuthController],
  providers: [ConsoleAuthService, SignInFailureRepository, ConsoleSessionGuard, JsonBodyGuard],
})
export class ConsoleAuthModule {}
