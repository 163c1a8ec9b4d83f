// The archive's migrations, run by the migrate step (`npm run migrate`, tools/migrate.ts) with the other apps'.
import 'reflect-metadata';
import { migrateMain } from '@careplan/persistence';
import { archiveDatabase } from './database/archive.database';

migrateMain(archiveDatabase);
