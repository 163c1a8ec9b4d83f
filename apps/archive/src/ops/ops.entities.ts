import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { BillingStatementEntity } from '../billing/billing-statement.entity';
import { CampaignEntity } from '../campaigns/campaign.entity';
import { KafkaDlqReplayEntity } from '../kafka-dlq/kafka-dlq-replay.entity';
import { LicenseTermEntity } from '../licenses/license-term.entity';
import { LicenseEntity } from '../licenses/license.entity';
import { OperatorEntity } from '../operators/operator.entity';
import { RegistryOfficeEntity } from '../registry/registry-office.entity';

/** The registry's tables (offices, licenses, campaigns, statements, operators, audit log, Kafka dead-letter replays). */
export const REGISTRY_ENTITIES = [
  RegistryOfficeEntity,
  LicenseEntity,
  LicenseTermEntity,
  CampaignEntity,
  BillingStatementEntity,
  OperatorEntity,
  AuditEntryEntity,
  KafkaDlqReplayEntity,
];
