// npm run --silent ops -- create-admin NAME
// Creates a central administrator of the operations API and prints {"name": "...", "token": "..."} once.
// npm run --silent ops -- dlq list|replay …: Kafka dead letters (see tools/lib/ops-dlq.ts).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@careplan/persistence';
import { OperatorRepository } from '../apps/archive/src/operators/operator.repository';
import { OperatorsService } from '../apps/archive/src/operators/operators.service';
import { archiveDatabase } from './lib/databases';
import { DLQ_USAGE, runDlqCommand } from './lib/ops-dlq';
import { runTool, toolsEnv } from './lib/tools.env';

const USAGE = `usage: npm run --silent ops -- create-admin NAME\n${DLQ_USAGE}`;

runTool('ops', async () => {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'dlq') return runDlqCommand(rest);
  const name = rest.join(' ').trim();
  if (command !== 'create-admin' || !name) throw new Error(USAGE);
  const ds = new DataSource(dataSourceOptions(toolsEnv().DATABASE_URL, archiveDatabase));
  await ds.initialize();
  try {
    const admin = await new OperatorsService(ds, new OperatorRepository(ds)).createAdmin(name);
    process.stdout.write(JSON.stringify({ name: admin.name, token: admin.token }) + '\n');
  } finally {
    await ds.destroy();
  }
});
