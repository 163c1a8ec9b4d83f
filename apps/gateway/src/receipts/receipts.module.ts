import { Module } from '@nestjs/common';
import { InternalHttpOptions } from '@careplan/platform';
import { ARCHIVE_HTTP } from '../config/gateway-config.module';
import { OfficesModule } from '../offices/offices.module';
import { ReceiptsClient } from './receipts.client';
import { ReceiptsController } from './receipts.controller';

/** Signed receipts of submissions, issued by the archive and read through its internal API. */
@Module({
  imports: [OfficesModule],
  controllers: [ReceiptsController],
  providers: [
    {
      provide: ReceiptsClient,
      useFactory: (archive: InternalHttpOptions) => new ReceiptsClient(archive),
      inject: [ARCHIVE_HTTP],
    },
  ],
})
export class ReceiptsModule {}
