// npm run --silent ops -- create-admin NAME
// Creates a central administrator of the operations API and prints {"name": "...", "token": "..."} once.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@careplan/persistence';
import { OperatorsService } from '../apps/archive/src/operators/operators.service';
import { archiveDatabase } from './lib/databases';
import { runTool, toolsEnv } from './lib/tools.env';

const USAGE = 'usage: npm run --silent ops -- create-admin NAME';

runTool('ops', async () => {
  const [command, ...nameParts] = process.argv.slice(2);
  const name = nameParts.join(' ').trim();
  if (command !== 'create-admin' || !name) throw new Error(USAGE);
  const ds = new DataSource(dataSourceOptions(toolsEnv().DATABASE_URL, archiveDatabase));
  await ds.initialize();
  try {
    const admin = await new OperatorsService(ds).createAdmin(name);
    process.stdout.write(JSON.stringify({ name: admin.name, token: admin.token }) + '\n');
  } finally {
    await ds.destroy();
  }
});
