import { Module } from '@nestjs/common';
import { OfficesModule } from '../offices/offices.module';
import { StaffModule } from '../staff/staff.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

/** POST /v1/auth/token (key → access token; refresh), staff sign-in and sign-out, the published key set, GET /v1/me. */
@Module({
  imports: [OfficesModule, StaffModule],
  controllers: [AuthController],
  providers: [AuthService],
})
export class AuthModule {}
