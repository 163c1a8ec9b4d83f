import { dataOf, type Schemas } from '@careplan/client';
import { emit, type CliContext } from '../cli.context';
import { gatewayClient } from '../cli.gateway';
import { CliError, EXIT_FAILED, EXIT_OK } from '../cli.io';
import { table } from '../cli.table';

type InboxStatus = 'new' | 'downloaded' | 'acknowledged';
const STATUSES: readonly string[] = ['new', 'downloaded', 'acknowledged'];

export async function inboxCommand(
  ctx: CliContext,
  options: { status?: string; from?: string },
): Promise<number> {
  if (options.status !== undefined && !STATUSES.includes(options.status)) {
    throw new CliError(`--status: ${STATUSES.join(' | ')}`, EXIT_FAILED, 'USAGE');
  }
  const client = gatewayClient(ctx);
  const items: Schemas['InboxEntryDto'][] = [];
  let cursor: string | undefined;
  do {
    const query = {
      status: options.status as InboxStatus | undefined,
      from: options.from,
      cursor,
      limit: 100,
    };
    const page = dataOf(await client.GET('/v1/inbox', { params: { query } }));
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  emit(ctx, { items }, () => {
    const c = ctx.m.columns;
    const rows = items.map((e) => [e.id, e.from, e.sequence, e.deliveredAt, stateOf(e), e.files.length]);
    return table([c.id, c.from, c.seq, c.deliveredAt, c.status, c.files], rows);
  });
  return EXIT_OK;
}

function stateOf(e: Schemas['InboxEntryDto']): InboxStatus {
  if (e.acknowledgedAt) return 'acknowledged';
  return e.downloadedAt ? 'downloaded' : 'new';
}
