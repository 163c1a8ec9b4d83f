// The router's migrations, run by the migrate step (`npm run migrate`, tools/migrate.ts) with the other apps'.
import 'reflect-metadata';
import { migrateMain } from '@careplan/persistence';
import { routerDatabase } from './database/router.database';

migrateMain(routerDatabase);
