import { Module } from '@nestjs/common';
import { InternalHttpOptions } from '@careplan/platform';
import { ARCHIVE_HTTP } from '../config/gateway-config.module';
import { OfficesModule } from '../offices/offices.module';
import { HistoryClient } from './history.client';
import { HistoryController } from './history.controller';

/** The office's history, kept by the archive and read through its internal API. */
@Module({
  imports: [OfficesModule],
  controllers: [HistoryController],
  providers: [
    {
      provide: HistoryClient,
      useFactory: (archive: InternalHttpOptions) => new HistoryClient(archive),
      inject: [ARCHIVE_HTTP],
    },
  ],
})
export class HistoryModule {}
