import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { KafkaDlqController } from './kafka-dlq.controller';
import { KafkaDlqRepository } from './kafka-dlq.repository';
import { KafkaDlqService } from './kafka-dlq.service';

/** Kafka dead letters (`<topic>.dlq`) and their replay. */
@Module({
  imports: [OperatorsModule],
  controllers: [KafkaDlqController],
  providers: [KafkaDlqService, KafkaDlqRepository],
  exports: [KafkaDlqService],
})
export class KafkaDlqModule {}
