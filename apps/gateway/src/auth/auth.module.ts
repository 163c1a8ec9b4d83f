import { Module } from '@nestjs/common';
import { OfficesModule } from '../offices/offices.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

/** POST /v1/auth/token (key → access token), its published key set, and GET /v1/me. */
@Module({
  imports: [OfficesModule],
  controllers: [AuthController],
  providers: [AuthService],
})
export class AuthModule {}
