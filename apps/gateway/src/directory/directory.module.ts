import { Module } from '@nestjs/common';
import { InternalHttpOptions } from '@careplan/platform';
import { ARCHIVE_HTTP } from '../config/gateway-config.module';
import { OfficesModule } from '../offices/offices.module';
import { DirectoryClient } from './directory.client';
import { DirectoryController } from './directory.controller';

/** The vendor directory of connected offices, kept by the archive and read through its internal API. */
@Module({
  imports: [OfficesModule],
  controllers: [DirectoryController],
  providers: [
    {
      provide: DirectoryClient,
      useFactory: (archive: InternalHttpOptions) => new DirectoryClient(archive),
      inject: [ARCHIVE_HTTP],
    },
  ],
})
export class DirectoryModule {}
