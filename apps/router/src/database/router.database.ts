import type { ServiceDatabase } from '@careplan/persistence';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { RouterInit1764000000300 } from './migrations/1764000000300-router-init';
import { RouterWebhooks1764200000300 } from './migrations/1764200000300-router-webhooks';
import { RouterConsumerInflight1764900001300 } from './migrations/1764900001300-router-consumer-inflight';
import { RouterDeliveryEvent1764900001310 } from './migrations/1764900001310-router-delivery-event';
import { RouterSealedSecrets1764900007000 } from './migrations/1764900007000-router-sealed-secrets';
import { RouterWebhookPushes1764900007100 } from './migrations/1764900007100-router-webhook-pushes';
import { RouterDeliveriesCreated1764900011000 } from './migrations/1764900011000-router-deliveries-created';
import { RouterOfficeWebhook1764900011300 } from './migrations/1764900011300-router-office-webhook';
import { WebhookDeadLetterEntity } from '../dead-letters/webhook-dead-letter.entity';
import { WebhookEndpointEntity } from '../webhooks/webhook-endpoint.entity';
import { ROUTER_SCHEMA } from './schema';

export const routerDatabase: ServiceDatabase = {
  schema: ROUTER_SCHEMA,
  entities: [DeliveryEntity, WebhookEndpointEntity, WebhookDeadLetterEntity],
  migrations: [
    RouterInit1764000000300,
    RouterWebhooks1764200000300,
    RouterConsumerInflight1764900001300,
    RouterDeliveryEvent1764900001310,
    RouterSealedSecrets1764900007000,
    RouterWebhookPushes1764900007100,
    RouterDeliveriesCreated1764900011000,
    RouterOfficeWebhook1764900011300,
  ],
};
