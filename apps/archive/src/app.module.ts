import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@careplan/messaging';
import { PersistenceModule } from '@careplan/persistence';
import { PlatformModule } from '@careplan/platform';
import { ArchiveEnv } from './config/archive.env';
import { archiveDatabase } from './database/archive.database';
import { HistoryConsumer } from './history/history.consumer';
import { HistoryController } from './history/history.controller';
import { HistoryService } from './history/history.service';
import { OPS_CONTROLLERS, opsProviders } from './ops/ops.wiring';
import { ReceiptKeysService } from './receipts/receipt-keys.service';
import { ReceiptsController } from './receipts/receipts.controller';
import { ReceiptsService } from './receipts/receipts.service';

@Module({})
export class AppModule {
  static register(env: ArchiveEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'archive',
          logLevel: env.LOG_LEVEL,
          internalToken: env.INTERNAL_TOKEN,
        }),
        PersistenceModule.forRoot(env.DATABASE_URL, archiveDatabase),
        MessagingModule.forRoot(env, { service: 'archive', schema: archiveDatabase.schema }),
      ],
      controllers: [HistoryController, ReceiptsController, ...OPS_CONTROLLERS],
      providers: [
        { provide: ArchiveEnv, useValue: env },
        HistoryService,
        HistoryConsumer,
        ReceiptKeysService,
        ReceiptsService,
        ...opsProviders(env),
      ],
    };
  }
}
