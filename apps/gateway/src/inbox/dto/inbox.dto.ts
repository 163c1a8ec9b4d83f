import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { OFFICE_NUMBER_PATTERN, PageQuery } from '@careplan/contracts';
import { IsInstant } from '@careplan/platform';
import { SubmissionFileDto } from '../../submissions/dto/submission.dto';

export const INBOX_STATES = ['new', 'downloaded', 'acknowledged'] as const;
export type InboxState = (typeof INBOX_STATES)[number];

/** GET /v1/inbox: paging plus filters, all optional and combined with AND. */
export class InboxFilterQuery extends PageQuery {
  @ApiPropertyOptional({
    description:
      'only deliveries made at or after this instant: a date (2025-05-01, 00:00 Japan time) or an ISO 8601 timestamp with its zone (Z or ±hh:mm)',
    example: '2025-05-01T00:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  since?: string;

  @ApiPropertyOptional({
    enum: INBOX_STATES,
    description:
      'new: not yet downloaded; downloaded: downloaded, not yet acknowledged; acknowledged: imported by the receiver',
  })
  @IsOptional()
  @IsIn(INBOX_STATES)
  status?: InboxState;

  @ApiPropertyOptional({
    description: 'only deliveries from this sending office number',
    example: '1371201367',
  })
  @IsOptional()
  @Matches(OFFICE_NUMBER_PATTERN, { message: 'from must be a 10-character office number' })
  from?: string;
}

export class ValidationSummaryDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty() errorCount!: number;
  @ApiProperty() warningCount!: number;
}

export class InboxEntryDto {
  @ApiProperty({ format: 'uuid', description: 'delivery id' }) id!: string;
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty({ description: 'sending office number' }) from!: string;
  @ApiProperty({
    description:
      "the submission's number within its sender → receiver pair (1, 2, 3 …): import in this order",
  })
  sequence!: number;
  @ApiProperty() deliveredAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) downloadedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiProperty({ type: [SubmissionFileDto] }) files!: SubmissionFileDto[];
  @ApiProperty({ type: ValidationSummaryDto }) validation!: ValidationSummaryDto;
}

export class InboxPageDto {
  @ApiProperty({ type: [InboxEntryDto] }) items!: InboxEntryDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}

export class FileRecordsDto {
  @ApiProperty({ description: 'file type id of the standard (libs/spec)' }) fileType!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'CSV version from the first record' })
  csvVersion!: string | null;
  @ApiProperty({
    description: 'one object per record: every column key of the file type, null where the item is empty',
    type: 'array',
    items: { type: 'object', additionalProperties: { type: 'string', nullable: true } },
  })
  records!: Record<string, string | null>[];
}
