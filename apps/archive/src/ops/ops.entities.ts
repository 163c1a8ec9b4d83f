import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { BillingStatementEntity } from '../billing/billing-statement.entity';
import { CampaignEntity } from '../campaigns/campaign.entity';
import { ConsoleSessionEntity } from '../console-auth/console-session.entity';
import { SetupTokenEntity } from '../console-auth/setup-token.entity';
import { SignInFailureEntity } from '../console-auth/sign-in-failure.entity';
import { KafkaDlqReplayEntity } from '../kafka-dlq/kafka-dlq-replay.entity';
import { LicenseTermEntity } from '../licenses/license-term.entity';
import { LicenseEntity } from '../licenses/license.entity';
import { OperatorEntity } from '../operators/operator.entity';
import { RegistryOfficeEntity } from '../registry/registry-office.entity';

/**
 * The registry's tables (offices, licenses, campaigns, statements, operators, audit log, Kafka dead-letter replays)
 * and the console's sign-in (set-up links, failed sign-ins, sessions).
 */
export const REGISTRY_ENTITIES = [
  RegistryOfficeEntity,
  LicenseEntity,
  LicenseTermEntity,
  CampaignEntity,
  BillingStatementEntity,
  OperatorEntity,
  AuditEntryEntity,
  KafkaDlqReplayEntity,
  SetupTokenEntity,
  SignInFailureEntity,
  ConsoleSessionEntity,
];
