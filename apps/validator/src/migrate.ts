// The validator's migrations, run by the migrate step (`npm run migrate`, tools/migrate.ts) with the other apps'.
import 'reflect-metadata';
import { migrateMain } from '@careplan/persistence';
import { validatorDatabase } from './database/validator.database';

migrateMain(validatorDatabase);
