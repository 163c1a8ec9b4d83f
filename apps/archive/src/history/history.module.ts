import { Module } from '@nestjs/common';
import { HistoryConsumer } from './history.consumer';
import { HistoryController } from './history.controller';
import { HistoryService } from './history.service';

/** Every office's exchange history, recorded from the events and answered to the gateway. */
@Module({ controllers: [HistoryController], providers: [HistoryService, HistoryConsumer] })
export class HistoryModule {}
