import { Module } from '@nestjs/common';
import { TokensModule } from '../auth/tokens.module';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysRepository } from './api-keys.repository';
import { InternalKeysController } from './internal-keys.controller';
import { KeysController } from './keys.controller';
import { KeysService } from './keys.service';
import { OfficesRepository } from './offices.repository';
import { OfficesService } from './offices.service';
import { StaffUsersRepository } from '../staff/staff-users.repository';

/**
 * Offices and their API keys. The gateway owns the keys: the office's /v1/keys and the operators'
 * /internal/v1/offices/:no/keys serve the same rows. Exports the guard with the service it injects: a feature
 * whose controllers use @UseGuards(ApiKeyGuard) imports this module, since Nest builds the guard in the
 * controller's module (the guard verifies access tokens too: the tokens module comes along).
 */
@Module({
  imports: [TokensModule],
  controllers: [KeysController, InternalKeysController],
  providers: [
    OfficesService,
    ApiKeyGuard,
    KeysService,
    OfficesRepository,
    ApiKeysRepository,
    StaffUsersRepository,
  ],
  exports: [OfficesService, ApiKeyGuard, OfficesRepository, StaffUsersRepository, TokensModule],
})
export class OfficesModule {}
