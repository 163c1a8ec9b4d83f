import { Module } from '@nestjs/common';
import { WebhookQueueModule } from '../webhooks/webhook-queue.module';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersRepository } from './dead-letters.repository';
import { DeadLettersService } from './dead-letters.service';

/** Webhook pushes that finally failed: recorded by the webhook worker, listed and replayed (back onto the queue) by operators. */
@Module({
  imports: [WebhookQueueModule],
  controllers: [DeadLettersController],
  providers: [DeadLettersRepository, DeadLettersService],
  exports: [DeadLettersService],
})
export class DeadLettersModule {}
