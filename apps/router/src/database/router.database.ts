import type { ServiceDatabase } from '@careplan/persistence';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { RouterInit1764000000300 } from './migrations/1764000000300-router-init';
import { ROUTER_SCHEMA } from './schema';

export const routerDatabase: ServiceDatabase = {
  schema: ROUTER_SCHEMA,
  entities: [DeliveryEntity],
  migrations: [RouterInit1764000000300],
};
