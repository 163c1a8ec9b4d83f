// `npm run --silent ops -- dlq list|replay`: the operations API's Kafka dead letters from the command line, through
// the archive's own service (as create-admin does), acting as the central administrator.
import { Logger, LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { kafkaFromEnv } from '@careplan/messaging';
import { dataSourceOptions } from '@careplan/persistence';
import { AppException } from '@careplan/platform';
import { COMMAND_LINE } from '../audit/audit';
import type { ArchiveEnv } from '../config/archive.env';
import { archiveDatabase } from '../database/archive.database';
import type { KafkaDlqMessageDto } from './dto/kafka-dlq.dto';
import { KafkaDlqRepository } from './kafka-dlq.repository';
import { KafkaDlqService } from './kafka-dlq.service';

export const DLQ_USAGE = [
  'usage: npm run --silent ops -- dlq list [--topic TOPIC] [--limit N] [--cursor ID] [--table]',
  '       npm run --silent ops -- dlq replay (--all | TOPIC:PARTITION:OFFSET …) [--force]',
].join('\n');

interface DlqArgs {
  command: string;
  ids: string[];
  flags: Record<string, string | true>;
}

const VALUED = new Set(['topic', 'limit', 'cursor']);
const SWITCHES = new Set(['table', 'all', 'force']);

export function parseDlqArgs(argv: string[]): DlqArgs {
  const [command = '', ...rest] = argv;
  const ids: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const name = /^--(.+)$/.exec(rest[i])?.[1];
    if (name === undefined) ids.push(rest[i]);
    else if (SWITCHES.has(name)) flags[name] = true;
    else if (VALUED.has(name) && rest[i + 1] !== undefined) flags[name] = rest[++i];
    else throw new Error(DLQ_USAGE);
  }
  const valid =
    (command === 'list' && ids.length === 0 && !flags.all && !flags.force) ||
    (command === 'replay' && ids.length > 0 !== (flags.all === true) && !flags.topic && !flags.limit);
  if (!valid) throw new Error(DLQ_USAGE);
  return { command, ids, flags };
}

export async function runDlqCommand(env: ArchiveEnv, argv: string[]): Promise<void> {
  const args = parseDlqArgs(argv);
  // Library logs go to stderr: stdout carries only the answer (JSON lines).
  Logger.overrideLogger(stderrLogger);
  const kafka = kafkaFromEnv(env, 'careplan-ops');
  const ds = new DataSource(dataSourceOptions(env.DATABASE_URL, archiveDatabase));
  await Promise.all([ds.initialize(), kafka.onModuleInit()]);
  try {
    const service = new KafkaDlqService(kafka, ds, new KafkaDlqRepository(ds));
    await (args.command === 'list' ? list(service, args) : replay(service, args));
  } catch (e) {
    // A refusal reads as its code and English message, as the API answers it.
    throw e instanceof AppException ? new Error(`${e.code}: ${e.messages.en} ${JSON.stringify(e.extra)}`) : e;
  } finally {
    await Promise.allSettled([ds.destroy(), kafka.onApplicationShutdown()]);
  }
}

async function list(service: KafkaDlqService, { flags }: DlqArgs): Promise<void> {
  const limit = flags.limit === undefined ? undefined : Number(flags.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) throw new Error(DLQ_USAGE);
  const page = await service.browse({
    topic: str(flags.topic),
    cursor: str(flags.cursor),
    limit,
  });
  process.stdout.write(
    flags.table ? table(page.items) : page.items.map((m) => JSON.stringify(m) + '\n').join(''),
  );
  if (page.nextCursor) process.stderr.write(`more: --cursor ${page.nextCursor}\n`);
}

async function replay(service: KafkaDlqService, { ids, flags }: DlqArgs): Promise<void> {
  const result = await service.replayAs(
    COMMAND_LINE,
    flags.all ? { all: true, force: flags.force === true } : { ids, force: flags.force === true },
  );
  process.stdout.write(JSON.stringify(result) + '\n');
}

const str = (v: string | true | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

const COLUMNS: (keyof KafkaDlqMessageDto)[] = [
  'id',
  'eventType',
  'eventId',
  'submissionId',
  'consumer',
  'failedAt',
  'replayedAt',
  'error',
];

/** A plain-text table, one message a line; the error cut to keep lines readable. */
function table(items: KafkaDlqMessageDto[]): string {
  const rows = items.map((m) =>
    COLUMNS.map((c) => {
      const v = m[c] === null ? '-' : String(m[c]);
      return c === 'error' ? v.slice(0, 80) : v;
    }),
  );
  const all = [COLUMNS.map(String), ...rows];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all
    .map(
      (r) =>
        r
          .map((v, i) => v.padEnd(widths[i]))
          .join('  ')
          .trimEnd() + '\n',
    )
    .join('');
}

const toStderr = (message: unknown): void => void process.stderr.write(`${String(message)}\n`);
const stderrLogger: LoggerService = { log: toStderr, error: toStderr, warn: toStderr };
