import { forwardRef, Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersService } from './dead-letters.service';

/** Webhook pushes that finally failed: recorded by the webhook worker, listed and replayed by operators. */
@Module({
  imports: [forwardRef(() => WebhooksModule)],
  controllers: [DeadLettersController],
  providers: [DeadLettersService],
  exports: [DeadLettersService],
})
export class DeadLettersModule {}
