import { Module } from '@nestjs/common';
import { DeadLettersModule } from '../dead-letters/dead-letters.module';
import { DirectoryModule } from '../directory/directory.module';
import { HistoryModule } from '../history/history.module';
import { OperatorsModule } from '../operators/operators.module';
import { RegistryModule } from '../registry/registry.module';
import { OpsOfficeActivityController } from './office-activity.controller';
import { OfficeActivityService } from './office-activity.service';

/** An office's webhook (asked of the router), directory listing and recent history, for the console. */
@Module({
  imports: [OperatorsModule, RegistryModule, DirectoryModule, HistoryModule, DeadLettersModule],
  controllers: [OpsOfficeActivityController],
  providers: [OfficeActivityService],
})
export class OfficeActivityModule {}
