import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { OFFICE_NUMBER_PATTERN, PageQuery } from '@careplan/contracts';
import { IsInstant, NoControlCharacters, type Page } from '@careplan/platform';

const ACTION_PREFIX = /^[A-Za-z0-9._-]{1,64}$/;

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

/** Filters of the audit log, combined (all must match); the operator's prefecture narrows them further. */
export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({
    example: '山田',
    description: "the operator: an operator's id (uuid), or part of the name, regardless of case",
  })
  @IsOptional()
  @IsString()
  @NoControlCharacters()
  @MinLength(1)
  @MaxLength(100)
  operator?: string;

  @ApiPropertyOptional({
    example: 'license.',
    description: 'the start of the action: `license.` for every license action, `license.end` for that one',
  })
  @IsOptional()
  @Matches(ACTION_PREFIX, { message: 'action must be letters, digits, and . _ - (at most 64)' })
  action?: string;

  @ApiPropertyOptional({
    example: '4712000012',
    description: "the office number the action concerned (an office's, key's or license's change)",
  })
  @IsOptional()
  @Matches(OFFICE_NUMBER_PATTERN, { message: 'office must be an office number' })
  office?: string;

  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'from this date (Japan time) or timestamp with its zone, inclusive',
  })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'up to this date (the whole day, Japan time) or timestamp with its zone, inclusive',
  })
  @IsOptional()
  @IsInstant()
  to?: string;
}
