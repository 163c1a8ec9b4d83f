import { Module } from '@nestjs/common';
import { OfficesModule } from '../offices/offices.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { InboxController } from './inbox.controller';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';

/** The receiving office's deliveries. Exports the service that the gateway's events consumer projects into. */
@Module({
  imports: [OfficesModule, SubmissionsModule],
  controllers: [InboxController],
  providers: [InboxRepository, InboxService],
  exports: [InboxService],
})
export class InboxModule {}
