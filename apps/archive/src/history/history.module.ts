import { Module } from '@nestjs/common';
import { HistoryConsumer } from './history.consumer';
import { HistoryController } from './history.controller';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';

/** Every office's exchange history, recorded from the events and answered to the gateway. */
@Module({
  controllers: [HistoryController],
  providers: [HistoryService, HistoryRepository, HistoryConsumer],
  // Receipts are signed from the recorded history.
  exports: [HistoryRepository],
})
export class HistoryModule {}
