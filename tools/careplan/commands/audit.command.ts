import { dataOf, type Schemas } from '@careplan/client';
import { emit, type CliContext } from '../cli.context';
import { gatewayClient } from '../cli.gateway';
import { EXIT_OK } from '../cli.io';
import { table } from '../cli.table';
import { actorCell } from './actor.text';

/** The office's audit trail (GET /v1/audit, an admin's key or token), every page, newest first. */
export async function auditCommand(ctx: CliContext): Promise<number> {
  const client = gatewayClient(ctx);
  const items: Schemas['OfficeAuditEntryDto'][] = [];
  let cursor: string | undefined;
  do {
    const page = dataOf(await client.GET('/v1/audit', { params: { query: { cursor, limit: 200 } } }));
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  emit(ctx, { items }, () => {
    const c = ctx.m.columns;
    const rows = items.map((e) => [
      e.at,
      e.action,
      `${e.target.type}:${e.target.label}`,
      e.actor ? actorCell(e.actor) : e.origin,
    ]);
    return table([c.when, c.action, c.target, c.actor], rows);
  });
  return EXIT_OK;
}
