import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  @ApiProperty({ enum: SUBMISSION_STATUSES }) status!: SubmissionStatus;
  @ApiProperty() statusUrl!: string;
  @ApiProperty({ type: SubmissionTimelineDto }) timeline!: SubmissionTimelineDto;
  @ApiProperty({ type: [SubmissionFileDto] }) files!: SubmissionFileDto[];
  @ApiPropertyOptional({
    nullable: true,
    description:
      'validation report (libs/spec contract): { ok, files: [{ name, fileType, csvVersion, rows, errorCount, warningCount, issues }] }',
  })
  report!: Record<string, unknown> | null;
}
