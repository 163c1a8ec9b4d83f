import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@careplan/messaging';
import { PersistenceModule } from '@careplan/persistence';
import { PlatformModule } from '@careplan/platform';
import { GatewayConfigModule } from './config/gateway-config.module';
import { GatewayEnv } from './config/gateway.env';
import { gatewayDatabase } from './database/gateway.database';
import { OfficeAuditModule } from './audit/office-audit.module';
import { AuthModule } from './auth/auth.module';
import { DirectoryModule } from './directory/directory.module';
import { EventsModule } from './events/events.module';
import { HistoryModule } from './history/history.module';
import { InboxModule } from './inbox/inbox.module';
import { OfficesModule } from './offices/offices.module';
import { ReceiptsModule } from './receipts/receipts.module';
import { RegistryModule } from './registry/registry.module';
import { SpecModule } from './spec/spec.module';
import { StaffModule } from './staff/staff.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { ValidateModule } from './validate/validate.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static register(env: GatewayEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'gateway',
          logLevel: env.LOG_LEVEL,
          internalToken: env.INTERNAL_TOKEN,
        }),
        PersistenceModule.forRoot(env.DATABASE_URL, gatewayDatabase),
        MessagingModule.forRoot(env, { service: 'gateway', schema: gatewayDatabase.schema }),
        GatewayConfigModule.forRoot(env),
        SubmissionsModule,
        ValidateModule,
        SpecModule,
        InboxModule,
        HistoryModule,
        ReceiptsModule,
        OfficesModule,
        AuthModule,
        StaffModule,
        OfficeAuditModule,
        WebhooksModule,
        DirectoryModule,
        RegistryModule,
        EventsModule,
      ],
    };
  }
}
