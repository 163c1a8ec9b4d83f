import { Module } from '@nestjs/common';
import { OfficesModule } from '../offices/offices.module';
import { SessionsService } from './sessions.service';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

/** Staff users (/v1/staff) and their sessions (sign-in and refresh, served by the auth controller). */
@Module({
  imports: [OfficesModule],
  controllers: [StaffController],
  providers: [StaffService, SessionsService],
  exports: [SessionsService],
})
export class StaffModule {}
