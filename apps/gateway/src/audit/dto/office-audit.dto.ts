import { ApiProperty } from '@nestjs/swagger';
import { AuditActor } from '@careplan/contracts';
import type { Page } from '@careplan/platform';
import { OFFICE_AUDIT_ACTIONS, OFFICE_AUDIT_ORIGINS, OFFICE_AUDIT_TARGETS } from '../office-audit.entity';

/** The key or staff user a change was made to. */
export class OfficeAuditTargetDto {
  @ApiProperty({ enum: OFFICE_AUDIT_TARGETS }) type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "the key's label (its prefix when it has none), or the staff user's login id" })
  label!: string;
}

/** One change of the office's keys or staff users. */
export class OfficeAuditEntryDto {
  @ApiProperty({ example: '42', description: 'a bigint, as a string' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: OFFICE_AUDIT_ACTIONS, example: 'key.issued' }) action!: string;
  @ApiProperty({
    enum: OFFICE_AUDIT_ORIGINS,
    description:
      'office: by one of its keys or staff users (actor); operator: by a federation operator (actor, type operator); system: by the service (a sign-in lock)',
  })
  origin!: string;
  @ApiProperty({
    type: AuditActor,
    nullable: true,
    description:
      'who did it: the office key or staff user (origin office), the operator (origin operator); null for the service, and for operator changes recorded before operators were named',
  })
  actor!: AuditActor | null;
  @ApiProperty({ type: OfficeAuditTargetDto }) target!: OfficeAuditTargetDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "the change's own fields (a role, a lock's end), as recorded",
  })
  details!: Record<string, unknown>;
}

export class OfficeAuditPageDto implements Page<OfficeAuditEntryDto> {
  @ApiProperty({ type: [OfficeAuditEntryDto] }) items!: OfficeAuditEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'null on the last page' }) nextCursor!:
    string | null;
}
