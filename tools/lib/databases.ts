// The tools are the one place that knows every service's schema: they run outside the services.
import { ServiceDatabase, storageDatabase } from '@careplan/persistence';
import { archiveDatabase } from '../../apps/archive/src/database/archive.database';
import { gatewayDatabase } from '../../apps/gateway/src/database/gateway.database';
import { routerDatabase } from '../../apps/router/src/database/router.database';
import { validatorDatabase } from '../../apps/validator/src/database/validator.database';

export const ALL_DATABASES: readonly ServiceDatabase[] = [
  storageDatabase,
  gatewayDatabase,
  validatorDatabase,
  routerDatabase,
  archiveDatabase,
];

export { archiveDatabase, gatewayDatabase };
