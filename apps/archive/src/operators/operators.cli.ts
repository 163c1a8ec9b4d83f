// `npm run --silent ops -- create-admin NAME`: the first central administrator of the operations API, made without
// a running service; prints {"name": "...", "token": "...", "setupUrl": "..."} once (the token and the link are
// stored only as their hashes): the bearer token for scripts, the one-time link (72 h) to set up console sign-in.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@careplan/persistence';
import type { ArchiveEnv } from '../config/archive.env';
import { ConsoleCredentials } from '../console-auth/console-credentials';
import { ConsoleSessionRepository } from '../console-auth/console-session.repository';
import { SetupTokenRepository } from '../console-auth/setup-token.repository';
import { archiveDatabase } from '../database/archive.database';
import { OperatorRepository } from './operator.repository';
import { OperatorsService } from './operators.service';

export async function createAdminCommand(env: ArchiveEnv, name: string): Promise<void> {
  const ds = new DataSource(dataSourceOptions(env.DATABASE_URL, archiveDatabase));
  await ds.initialize();
  try {
    const credentials = new ConsoleCredentials(
      env,
      new SetupTokenRepository(),
      new ConsoleSessionRepository(),
    );
    const admin = await new OperatorsService(ds, new OperatorRepository(ds), credentials).createAdmin(name);
    process.stdout.write(
      JSON.stringify({ name: admin.name, token: admin.token, setupUrl: admin.setupUrl }) + '\n',
    );
  } finally {
    await ds.destroy();
  }
}
