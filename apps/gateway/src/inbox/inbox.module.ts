import { Module } from '@nestjs/common';
import { OfficesModule } from '../offices/offices.module';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

/** The receiving office's deliveries. Exports the service that the gateway's events consumer projects into. */
@Module({
  imports: [OfficesModule],
  controllers: [InboxController],
  providers: [InboxService],
  exports: [InboxService],
})
export class InboxModule {}
