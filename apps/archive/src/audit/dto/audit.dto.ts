import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '@careplan/platform';

export class AuditEntryDto {
  @ApiProperty({ example: '42', description: 'a bigint, as a string' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the command line' })
  operatorId!: string | null;
  @ApiProperty() operatorName!: string;
  @ApiProperty({ example: 'office.create' }) action!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '13',
    description: 'the prefecture the change concerns',
  })
  prefecture!: string | null;
  @ApiProperty({ example: '4712000012', description: 'what the action changed: an office number, an id' })
  target!: string;
  /** Free-form by design: each action records its own fields. */
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "the action's own fields (what changed), as recorded",
  })
  details!: Record<string, unknown>;
}

export class AuditPageDto implements Page<AuditEntryDto> {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'null on the last page' }) nextCursor!:
    string | null;
}
