import { writeFileSync } from 'node:fs';
import { dataOf, type Schemas } from '@careplan/client';
import { actorCell } from './actor.text';
import { emit, type CliContext } from '../cli.context';
import { gatewayClient } from '../cli.gateway';
import { EXIT_OK } from '../cli.io';
import { table } from '../cli.table';

export interface HistoryCommandOptions {
  from?: string;
  to?: string;
  counterpart?: string;
  csv?: string;
}

export async function historyCommand(ctx: CliContext, options: HistoryCommandOptions): Promise<number> {
  const client = gatewayClient(ctx);
  const filter = { from: options.from, to: options.to, counterpart: options.counterpart };
  if (options.csv !== undefined) {
    const result = await client.GET('/v1/history.csv', {
      params: { query: { ...filter, encoding: 'utf-8' } },
      parseAs: 'arrayBuffer',
    });
    const bytes = Buffer.from(dataOf(result));
    writeFileSync(options.csv, bytes);
    emit(ctx, { csv: options.csv, bytes: bytes.byteLength }, () => `${ctx.m.wrote(options.csv ?? '')}\n`);
    return EXIT_OK;
  }
  const items: Schemas['HistoryItemDto'][] = [];
  let cursor: string | undefined;
  do {
    const page = dataOf(
      await client.GET('/v1/history', { params: { query: { ...filter, cursor, limit: 100 } } }),
    );
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  emit(ctx, { items }, () => {
    const c = ctx.m.columns;
    const rows = items.map((i) => [
      i.occurredAt,
      i.event,
      i.role,
      i.counterpartOfficeNumber,
      i.submissionId,
      i.files.length,
      actorCell(i.actor),
    ]);
    return table([c.when, c.event, c.role, c.counterpart, c.submission, c.files, c.actor], rows);
  });
  return EXIT_OK;
}
