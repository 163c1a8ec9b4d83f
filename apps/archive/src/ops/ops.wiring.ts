import type { Provider, Type } from '@nestjs/common';
import { AdoptionService } from '../adoption/adoption.service';
import { AuditService } from '../audit/audit.service';
import { BillingService } from '../billing/billing.service';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ArchiveEnv } from '../config/archive.env';
import { DirectoryController } from '../directory/directory.controller';
import { DirectoryService } from '../directory/directory.service';
import { KafkaDlqController } from '../kafka-dlq/kafka-dlq.controller';
import { KafkaDlqService } from '../kafka-dlq/kafka-dlq.service';
import { LicenseSweep } from '../licenses/license-sweep';
import { LicensesService } from '../licenses/licenses.service';
import { OperatorGuard } from '../operators/operator.guard';
import { OperatorsService } from '../operators/operators.service';
import { KeysConsumer } from '../registry/keys.consumer';
import { RegistryService } from '../registry/registry.service';
import { DeadLettersService } from './dead-letters.service';
import { OpsAdminController } from './ops-admin.controller';
import { OpsCampaignsController, OpsLicensesController } from './ops-licenses.controller';
import { OpsOfficesController } from './ops-offices.controller';
import { OpsReportsController } from './ops-reports.controller';
import { RouterClient } from './router.client';

// The registry, licenses, billing, adoption, directory and operations API, wired into the archive's module.

export const OPS_CONTROLLERS: Type[] = [
  OpsOfficesController,
  OpsLicensesController,
  OpsCampaignsController,
  OpsReportsController,
  OpsAdminController,
  KafkaDlqController,
  DirectoryController,
];

export function opsProviders(env: ArchiveEnv): Provider[] {
  return [
    {
      provide: RouterClient,
      useFactory: () => new RouterClient({ baseUrl: env.ROUTER_URL, internalToken: env.INTERNAL_TOKEN }),
    },
    OperatorsService,
    OperatorGuard,
    AuditService,
    RegistryService,
    KeysConsumer,
    CampaignsService,
    LicensesService,
    LicenseSweep,
    BillingService,
    AdoptionService,
    DirectoryService,
    DeadLettersService,
    KafkaDlqService,
  ];
}
