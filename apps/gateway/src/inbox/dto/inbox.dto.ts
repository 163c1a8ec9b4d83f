import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { SubmissionFileDto } from '../../submissions/dto/submission.dto';

export class ListInboxQuery {
  @ApiPropertyOptional({ description: 'opaque cursor from a previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
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
