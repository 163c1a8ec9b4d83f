import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@careplan/messaging';
import { PersistenceModule } from '@careplan/persistence';
import { PlatformModule, SecretKeyring } from '@careplan/platform';
import { GatewayEnv } from './config/gateway.env';
import { gatewayDatabase } from './database/gateway.database';
import { GatewayEventsConsumer } from './events/gateway-events.consumer';
import { HistoryClient } from './history/history.client';
import { HistoryController } from './history/history.controller';
import { ReceiptsClient } from './receipts/receipts.client';
import { ReceiptsController } from './receipts/receipts.controller';
import { InboxController } from './inbox/inbox.controller';
import { InboxService } from './inbox/inbox.service';
import { ApiKeyGuard } from './offices/api-key.guard';
import { KeysController } from './offices/keys.controller';
import { KeysService } from './offices/keys.service';
import { OfficesService } from './offices/offices.service';
import { REGISTRY_CONTROLLERS, registryProviders } from './registry/registry.wiring';
import { SubmissionsController } from './submissions/submissions.controller';
import { SubmissionReconciler } from './submissions/submission.reconciler';
import { SubmissionsService } from './submissions/submissions.service';
import { UPLOAD_LIMITS } from './submissions/upload-limits';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';
import { SpecController } from './spec/spec.controller';
import { ValidateController } from './validate/validate.controller';
import { ValidateService } from './validate/validate.service';

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
      ],
      controllers: [
        SubmissionsController,
        ValidateController,
        SpecController,
        InboxController,
        HistoryController,
        ReceiptsController,
        KeysController,
        WebhooksController,
        ...REGISTRY_CONTROLLERS,
      ],
      providers: [
        { provide: GatewayEnv, useValue: env },
        { provide: SecretKeyring, useValue: SecretKeyring.parse(env.WEBHOOK_SECRET_KEY) },
        {
          provide: UPLOAD_LIMITS,
          useValue: {
            maxFileBytes: env.MAX_FILE_BYTES,
            maxFiles: env.MAX_FILES,
            maxBundleBytes: env.MAX_BUNDLE_BYTES,
          },
        },
        {
          provide: HistoryClient,
          useFactory: () =>
            new HistoryClient({ baseUrl: env.ARCHIVE_URL, internalToken: env.INTERNAL_TOKEN }),
        },
        {
          provide: ReceiptsClient,
          useFactory: () =>
            new ReceiptsClient({ baseUrl: env.ARCHIVE_URL, internalToken: env.INTERNAL_TOKEN }),
        },
        OfficesService,
        ApiKeyGuard,
        KeysService,
        SubmissionsService,
        SubmissionReconciler,
        InboxService,
        GatewayEventsConsumer,
        ValidateService,
        WebhooksService,
        ...registryProviders(env),
      ],
    };
  }
}
