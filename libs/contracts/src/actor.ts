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

/** The actor as one short text (CSV cells, the receipt PDF, the CLI): `staff:yamada`, `key:受付PC`, `key:<id>`. */
export function actorText(actor: Actor | null | undefined): string {
  if (!actor) return '';
  return `${actor.type}:${actor.label || actor.id}`;
}
