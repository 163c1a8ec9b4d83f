import { ValidationReportPayload } from '@careplan/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ValidationReport } from '@careplan/spec';
import { SUBMISSION_STATUSES, SubmissionStatus } from '../submission.entity';

export class SubmissionFileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['csv', 'attachment'] }) kind!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ description: 'hex sha256 of the bytes as sent' }) sha256!: string;
}

export class SubmissionTimelineDto {
  @ApiProperty() acceptedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) validatedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) rejectedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) deliveredAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) downloadedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) acknowledgedAt!: string | null;
}

export class SubmissionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'sending office number' }) from!: string;
  @ApiProperty({ description: 'receiving office number' }) to!: string;
  @ApiProperty({
    description: 'per sender → receiver pair: 1, 2, 3 … in acceptance order; receivers import in this order',
  })
  sequence!: number;
  @ApiProperty({ enum: SUBMISSION_STATUSES }) status!: SubmissionStatus;
  @ApiProperty() statusUrl!: string;
  @ApiProperty({ type: SubmissionTimelineDto }) timeline!: SubmissionTimelineDto;
  @ApiProperty({ type: [SubmissionFileDto] }) files!: SubmissionFileDto[];
  @ApiPropertyOptional({
    type: ValidationReportPayload,
    nullable: true,
    description: 'the validation report, once validated or rejected',
  })
  report!: ValidationReport | null;
}

export class SubmissionPageDto {
  @ApiProperty({ type: [SubmissionDto] }) items!: SubmissionDto[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'pass as cursor for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
