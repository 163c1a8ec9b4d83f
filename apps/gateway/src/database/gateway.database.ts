import type { ServiceDatabase } from '@careplan/persistence';
import { InboxEntryEntity } from '../inbox/inbox-entry.entity';
import { ApiKeyEntity } from '../offices/api-key.entity';
import { OfficeEntity } from '../offices/office.entity';
import { SubmissionFileEntity } from '../submissions/submission-file.entity';
import { SubmissionEntity } from '../submissions/submission.entity';
import { GatewayInit1764000000100 } from './migrations/1764000000100-gateway-init';
import { GatewayPairSequence1764100000400 } from './migrations/1764100000400-gateway-pair-sequence';
import { GatewayWebhooks1764200000100 } from './migrations/1764200000100-gateway-webhooks';
import { GatewayRegistryProjection1764300005100 } from './migrations/1764300005100-gateway-registry-projection';
import { GatewayConsumerInflight1764900001100 } from './migrations/1764900001100-gateway-consumer-inflight';
import { GatewayReconcile1764900001110 } from './migrations/1764900001110-gateway-reconcile';
import { GatewayKeysOwn1764900002110 } from './migrations/1764900002110-gateway-keys-own';
import { GatewayKeyRoles1765000000100 } from './migrations/1765000000100-gateway-key-roles';
import { GatewayStaff1765000000200 } from './migrations/1765000000200-gateway-staff';
import { GatewayOfficeAudit1765000000300 } from './migrations/1765000000300-gateway-office-audit';
import { GatewayAuditOperator1765000000310 } from './migrations/1765000000310-gateway-audit-operator';
import { GatewayPairCounters1765100000110 } from './migrations/1765100000110-gateway-pair-counters';
import { OfficeAuditEntity } from '../audit/office-audit.entity';
import { RefreshTokenEntity, StaffUserEntity } from '../staff/staff-user.entity';
import { GATEWAY_SCHEMA } from './schema';
import { WebhookEntity } from '../webhooks/webhook.entity';

export const gatewayDatabase: ServiceDatabase = {
  schema: GATEWAY_SCHEMA,
  entities: [
    OfficeEntity,
    ApiKeyEntity,
    SubmissionEntity,
    SubmissionFileEntity,
    InboxEntryEntity,
    WebhookEntity,
    StaffUserEntity,
    RefreshTokenEntity,
    OfficeAuditEntity,
  ],
  migrations: [
    GatewayInit1764000000100,
    GatewayPairSequence1764100000400,
    GatewayWebhooks1764200000100,
    GatewayRegistryProjection1764300005100,
    GatewayConsumerInflight1764900001100,
    GatewayReconcile1764900001110,
    GatewayKeysOwn1764900002110,
    GatewayKeyRoles1765000000100,
    GatewayStaff1765000000200,
    GatewayOfficeAudit1765000000300,
    GatewayAuditOperator1765000000310,
    GatewayPairCounters1765100000110,
  ],
};
