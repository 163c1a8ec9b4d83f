import { ApiProperty } from '@nestjs/swagger';
import { Actor } from '@careplan/contracts';
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
      'office: by one of its keys or staff users (actor); operator: by the service operator; system: by the service (a sign-in lock)',
  })
  origin!: string;
  @ApiProperty({
    type: Actor,
    nullable: true,
    description: 'who of the office did it; null unless origin is office',
  })
  actor!: Actor | null;
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
