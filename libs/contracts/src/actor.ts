import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';

export const ACTOR_TYPES = ['key', 'staff'] as const;
/** What a vendor request authenticated with: an API key (itself or a token of it), or a staff user's token. */
export type ActorType = (typeof ACTOR_TYPES)[number];

/**
 * Who did a thing in an office: the credential of the request, named so an office can tell its PCs, programs
 * and staff apart (運営指導: who sent, who received). Never a secret: a key's id and label, a staff user's id and
 * login id. Carried by the events of the step (optional: events of older gateways have none) and shown in the
 * history, the receipt and the office's audit trail.
 */
export class Actor {
  @ApiProperty({
    enum: ACTOR_TYPES,
    description: 'key: an API key (or a token issued for it); staff: a staff user',
  })
  @IsIn(ACTOR_TYPES)
  type!: ActorType;

  @ApiProperty({ format: 'uuid', description: "the key's or the staff user's id" })
  @IsUUID()
  id!: string;

  @ApiProperty({
    description: "the key's label (may be empty), or the staff user's login id",
    example: 'yamada',
  })
  @IsString()
  @MaxLength(200)
  label!: string;
}

export const AUDIT_ACTOR_TYPES = [...ACTOR_TYPES, 'operator'] as const;
/** Who may change an office's keys: one of its own keys or staff users, or a federation operator. */
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/**
 * Who changed an office's keys or staff users, as its audit trail and the key events name it: an Actor of the
 * office, or the operator (国保連合会, 国保中央会) who did it through the operations API or console. Kept apart from
 * Actor so that no submission, download or history row can ever name an operator.
 */
export class AuditActor {
  @ApiProperty({
    enum: AUDIT_ACTOR_TYPES,
    description:
      'key: an API key (or a token issued for it); staff: a staff user; operator: a federation operator',
  })
  @IsIn(AUDIT_ACTOR_TYPES)
  type!: AuditActorType;

  @ApiProperty({ format: 'uuid', description: "the key's, the staff user's or the operator's id" })
  @IsUUID()
  id!: string;

  @ApiProperty({
    description: "the key's label (may be empty), the staff user's login id, or the operator's name",
    example: 'yamada',
  })
  @IsString()
  @MaxLength(200)
  label!: string;
}

/** The actor as one short text (CSV cells, the receipt PDF, the CLI): `staff:yamada`, `key:受付PC`, `key:<id>`. */
export function actorText(actor: Actor | AuditActor | null | undefined): string {
  if (!actor) return '';
  return `${actor.type}:${actor.label || actor.id}`;
}
