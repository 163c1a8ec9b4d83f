import { Module } from '@nestjs/common';
import { AccessTokensService } from './access-tokens.service';
import { TokenKeyRepository } from './token-key.repository';
import { TokenKeysService } from './token-keys.service';

/** Access tokens: their signing key and their issue and verification, for the guard and the token endpoint. */
@Module({
  providers: [TokenKeyRepository, TokenKeysService, AccessTokensService],
  exports: [TokenKeysService, AccessTokensService],
})
export class TokensModule {}
