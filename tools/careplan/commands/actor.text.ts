import type { Schemas } from '@careplan/client';

/**
 * An actor in one cell, as the history CSV writes it (actorText of @careplan/contracts, which the CLI does not
 * load: it brings the services' framework): `staff:yamada`, `key:受付PC`, `key:<id>` for a key without a label,
 * `operator:<name>` in the audit trail.
 */
export function actorCell(actor: Schemas['Actor'] | Schemas['AuditActor'] | null | undefined): string {
  return actor ? `${actor.type}:${actor.label || actor.id}` : '';
}
