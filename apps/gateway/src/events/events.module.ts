import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { GatewayEventsConsumer } from './gateway-events.consumer';

/** Consumes validation, routing and delivery events into the submissions' status and the inbox. */
@Module({
  imports: [InboxModule, SubmissionsModule],
  providers: [GatewayEventsConsumer],
})
export class EventsModule {}
