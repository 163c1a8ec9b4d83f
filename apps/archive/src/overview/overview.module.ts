import { Module } from '@nestjs/common';
import { DeadLettersModule } from '../dead-letters/dead-letters.module';
import { KafkaDlqModule } from '../kafka-dlq/kafka-dlq.module';
import { OperatorsModule } from '../operators/operators.module';
import { OpsOverviewController } from './overview.controller';
import { OverviewRepository } from './overview.repository';
import { OverviewService } from './overview.service';

/** The overview of the operations console: the day's figures and the services' health. */
@Module({
  imports: [OperatorsModule, DeadLettersModule, KafkaDlqModule],
  controllers: [OpsOverviewController],
  providers: [OverviewService, OverviewRepository],
})
export class OverviewModule {}
