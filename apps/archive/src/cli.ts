// The archive's command line (`npm run --silent ops -- …`): what operators need without a running service,
// through the archive's own services and its configuration (the same variables as the service).
//   create-admin NAME         a central administrator of the operations API; prints {"name", "token", "setupUrl"} once
//   dlq list|replay …         Kafka dead letters (see kafka-dlq/kafka-dlq.cli.ts)
import 'reflect-metadata';
import { loadEnv, runCommand } from '@careplan/platform';
import { ArchiveEnv } from './config/archive.env';
import { DLQ_USAGE, runDlqCommand } from './kafka-dlq/kafka-dlq.cli';
import { createAdminCommand } from './operators/operators.cli';

const USAGE = `usage: npm run --silent ops -- create-admin NAME\n${DLQ_USAGE}`;

runCommand('ops', async () => {
  const [command, ...rest] = process.argv.slice(2);
  const env = loadEnv(ArchiveEnv);
  if (command === 'dlq') return runDlqCommand(env, rest);
  const name = rest.join(' ').trim();
  if (command !== 'create-admin' || !name) throw new Error(USAGE);
  await createAdminCommand(env, name);
});
