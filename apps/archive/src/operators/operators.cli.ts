// `npm run --silent ops -- create-admin NAME`: the first central administrator of the operations API, made without
// a running service; prints {"name": "...", "token": "..."} once (the token is stored only as its hash).
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@careplan/persistence';
import type { ArchiveEnv } from '../config/archive.env';
import { archiveDatabase } from '../database/archive.database';
import { OperatorRepository } from './operator.repository';
import { OperatorsService } from './operators.service';

export async function createAdminCommand(env: ArchiveEnv, name: string): Promise<void> {
  const ds = new DataSource(dataSourceOptions(env.DATABASE_URL, archiveDatabase));
  await ds.initialize();
  try {
    const admin = await new OperatorsService(ds, new OperatorRepository(ds)).createAdmin(name);
    process.stdout.write(JSON.stringify({ name: admin.name, token: admin.token }) + '\n');
  } finally {
    await ds.destroy();
  }
}
