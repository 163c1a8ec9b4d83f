import type { Provider, Type } from '@nestjs/common';
import { OpsAdoptionController } from '../adoption/adoption.controller';
import { AdoptionService } from '../adoption/adoption.service';
import { OpsAuditController } from '../audit/audit.controller';
import { AuditService } from '../audit/audit.service';
import { OpsBillingController } from '../billing/billing.controller';
import { BillingService } from '../billing/billing.service';
import { OpsCampaignsController } from '../campaigns/campaigns.controller';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ArchiveEnv } from '../config/archive.env';
import { OpsDeadLettersController } from '../dead-letters/dead-letters.controller';
import { DeadLettersService } from '../dead-letters/dead-letters.service';
import { RouterClient } from '../dead-letters/router.client';
import { DirectoryController } from '../directory/directory.controller';
import { DirectoryService } from '../directory/directory.service';
import { KafkaDlqController } from '../kafka-dlq/kafka-dlq.controller';
import { KafkaDlqService } from '../kafka-dlq/kafka-dlq.service';
import { LicenseSweep } from '../licenses/license-sweep';
import { OpsLicensesController } from '../licenses/licenses.controller';
import { LicensesService } from '../licenses/licenses.service';
import { OperatorGuard } from '../operators/operator.guard';
import { OpsOperatorsController } from '../operators/operators.controller';
import { OperatorsService } from '../operators/operators.service';
import { KeysConsumer } from '../registry/keys.consumer';
import { OpsOfficesController } from '../registry/registry.controller';
import { RegistryService } from '../registry/registry.service';

// The registry, licenses, billing, adoption, directory and operations API, wired into the archive's module.

export const OPS_CONTROLLERS: Type[] = [
  OpsOfficesController,
  OpsLicensesController,
  OpsCampaignsController,
  OpsBillingController,
  OpsAdoptionController,
  OpsOperatorsController,
  OpsAuditController,
  OpsDeadLettersController,
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
