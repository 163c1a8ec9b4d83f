import type { ServiceDatabase } from '@careplan/persistence';
import { ValidationEntity } from '../validation/validation.entity';
import { ValidatorInit1764000000200 } from './migrations/1764000000200-validator-init';
import { ValidatorConsumerInflight1764900001200 } from './migrations/1764900001200-validator-consumer-inflight';
import { ValidatorVerdictEvent1764900001210 } from './migrations/1764900001210-validator-verdict-event';
import { ValidatorHistoryKeys1764900004000 } from './migrations/1764900004000-validator-history-keys';
import { VALIDATOR_SCHEMA } from './schema';

export const validatorDatabase: ServiceDatabase = {
  schema: VALIDATOR_SCHEMA,
  entities: [ValidationEntity],
  migrations: [
    ValidatorInit1764000000200,
    ValidatorConsumerInflight1764900001200,
    ValidatorVerdictEvent1764900001210,
    ValidatorHistoryKeys1764900004000,
  ],
};
