import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { OFFICE_NUMBER_PATTERN, PageQuery } from '@careplan/contracts';
import { IsInstant } from '@careplan/platform';
import { SUBMISSION_STATUSES, SubmissionStatus } from '../submission.entity';

/** GET /v1/submissions: the sender's own submissions, newest first, with optional filters. */
export class ListSubmissionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SUBMISSION_STATUSES, description: 'only submissions in this status' })
  @IsOptional()
  @IsIn(SUBMISSION_STATUSES)
  status?: SubmissionStatus;

  @ApiPropertyOptional({
    description: 'only submissions to this receiving office number',
    example: '1371500420',
  })
  @IsOptional()
  @Matches(OFFICE_NUMBER_PATTERN, { message: 'to must be a 10-character office number' })
  to?: string;

  @ApiPropertyOptional({
    description:
      'only submissions accepted at or after this instant: a date (2025-05-01, 00:00 Japan time) or an ISO 8601 timestamp with its zone (Z or ±hh:mm)',
    example: '2025-05-01T00:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  since?: string;
}
