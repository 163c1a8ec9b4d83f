import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@careplan/messaging';
import { PersistenceModule } from '@careplan/persistence';
import { PlatformModule } from '@careplan/platform';
import { AdoptionModule } from './adoption/adoption.module';
import { AuditModule } from './audit/audit.module';
import { BillingModule } from './billing/billing.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { ArchiveConfigModule } from './config/archive-config.module';
import { ConsoleAuthModule } from './console-auth/console-auth.module';
import { ArchiveEnv } from './config/archive.env';
import { archiveDatabase } from './database/archive.database';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { DirectoryModule } from './directory/directory.module';
import { HistoryModule } from './history/history.module';
import { KafkaDlqModule } from './kafka-dlq/kafka-dlq.module';
import { LicensesModule } from './licenses/licenses.module';
import { OfficeActivityModule } from './office-activity/office-activity.module';
import { OperatorsModule } from './operators/operators.module';
import { OverviewModule } from './overview/overview.module';
import { ReceiptsModule } from './receipts/receipts.module';
import { RegistryModule } from './registry/registry.module';

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
        ArchiveConfigModule.forRoot(env),
        HistoryModule,
        ReceiptsModule,
        DirectoryModule,
        OperatorsModule,
        ConsoleAuthModule,
        AuditModule,
        RegistryModule,
        LicensesModule,
        CampaignsModule,
        BillingModule,
        AdoptionModule,
        DeadLettersModule,
        KafkaDlqModule,
        OverviewModule,
        OfficeActivityModule,
      ],
    };
  }
}
