import { DynamicModule, Module } from '@nestjs/common';
import { coreImports, coreProviders } from '@careplan/messaging';
import { HealthController, MetricsController } from '@careplan/platform';
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
    const core = { service: 'archive', schema: archiveDatabase.schema, database: archiveDatabase };
    return {
      module: AppModule,
      imports: coreImports(env, core),
      controllers: [
        HistoryController,
        HealthController,
        MetricsController,
        ReceiptsController,
        ...OPS_CONTROLLERS,
      ],
      providers: [
        ...coreProviders(env, core),
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
