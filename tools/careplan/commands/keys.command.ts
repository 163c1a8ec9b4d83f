import { dataOf } from '@careplan/client';
import { emit, type CliContext } from '../cli.context';
import { gatewayClient } from '../cli.gateway';
import { EXIT_OK } from '../cli.io';
import { table } from '../cli.table';

export async function keysListCommand(ctx: CliContext): Promise<number> {
  const client = gatewayClient(ctx);
  const list = dataOf(await client.GET('/v1/keys'));
  emit(ctx, list, () => {
    const c = ctx.m.columns;
    const rows = list.items.map((k) => [
      k.id,
      k.label,
      k.role,
      k.prefix,
      k.createdAt,
      k.lastUsedAt,
      k.revokedAt,
    ]);
    return table([c.id, c.label, c.keyRole, c.prefix, c.createdAt, c.lastUsedAt, c.revokedAt], rows);
  });
  return EXIT_OK;
}

export async function keysCreateCommand(
  ctx: CliContext,
  options: { label: string; role: 'admin' | 'member' },
): Promise<number> {
  const client = gatewayClient(ctx);
  const created = dataOf(
    await client.POST('/v1/keys', { body: { label: options.label, role: options.role } }),
  );
  emit(ctx, created, () => `${ctx.m.keyCreated}\n${created.key}\n`);
  return EXIT_OK;
}

export async function keysRevokeCommand(ctx: CliContext, id: string): Promise<number> {
  const client = gatewayClient(ctx);
  const revoked = dataOf(await client.DELETE('/v1/keys/{id}', { params: { path: { id } } }));
  emit(ctx, revoked, () => `${revoked.id} ${revoked.revokedAt ?? ''}\n`);
  return EXIT_OK;
}
