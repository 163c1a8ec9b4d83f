import { EntityManager } from 'typeorm';
import type { OperatorContext } from '../operators/operator-scope';
import { AuditEntryEntity } from './audit-entry.entity';

/** Who acted when no operator account exists yet (the create-admin command). */
export const COMMAND_LINE = { id: null, name: 'command-line' } as const;

/** Appends one operator action in the caller's transaction: the action and its audit entry commit together. */
export async function recordAudit(
  m: EntityManager,
  actor: Pick<OperatorContext, 'name'> & { id: string | null },
  action: string,
  target: string,
  details: Record<string, unknown> = {},
  prefecture: string | null = null,
): Promise<void> {
  await m.save(
    m.create(AuditEntryEntity, {
      operatorId: actor.id,
      operatorName: actor.name,
      action,
      target,
      details,
      prefecture,
    }),
  );
}
