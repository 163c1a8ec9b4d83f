import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Actor } from '../actor';
import { PageQuery } from './paging';

/**
 * An office's exchange history (GET /v1/history[.csv] at the gateway → GET
 * /internal/v1/offices/:officeNumber/history[.csv] at the archive). The gateway validates the vendor's
 * query with these classes and forwards it as is; the archive checks the filters' values
 * (parseHistoryFilter) and answers HISTORY_FILTER_INVALID.
 */
export class HistoryFilterQuery {
  @ApiPropertyOptional({
    description: 'from this date (JST day) or timestamp with zone, inclusive',
    example: '2026-11-01',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({
    description: 'up to this date (whole JST day) or timestamp with zone, inclusive',
    example: '2026-11-30',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ description: 'office number of the other party', example: '1371500420' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  counterpart?: string;

  @ApiPropertyOptional({ description: 'standard file type among the files', example: 'UPPLAN' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  fileType?: string;

  @ApiPropertyOptional({
    description:
      'one or several comma-separated events: sent, validated, rejected, delivered, received, downloaded, acknowledged',
    example: 'sent,received',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  event?: string;

  @ApiPropertyOptional({
    description: '被保険者番号 appearing in the standard CSV files',
    example: '0000123456',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  insuredNo?: string;
}

/** Paging (cursor, limit) plus the filters. */
export class ListHistoryQuery extends IntersectionType(PageQuery, HistoryFilterQuery) {}

export class ExportHistoryQuery extends HistoryFilterQuery {
  /** Checked by the archive, for a stable error code. */
  @ApiPropertyOptional({
    enum: ['utf-8', 'ms932'],
    default: 'utf-8',
    description: 'utf-8 (with BOM) or ms932',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  encoding?: string;
}

export class HistoryFileDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['csv', 'attachment'] }) kind!: string;
  @ApiProperty() size!: number;
  @ApiProperty() sha256!: string;
}

/** One history record of the office: one event of one submission, seen from the office's side. */
export class HistoryItemDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'sent' }) event!: string;
  @ApiProperty({ enum: ['sender', 'receiver'] }) role!: 'sender' | 'receiver';
  @ApiProperty() officeNumber!: string;
  @ApiProperty() counterpartOfficeNumber!: string;
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty({ nullable: true, type: String }) deliveryId!: string | null;
  @ApiProperty({ type: [HistoryFileDto] }) files!: HistoryFileDto[];
  @ApiProperty({ type: [String], example: ['UPPLAN'] }) fileTypes!: string[];
  @ApiProperty({ type: [String] }) insuredNumbers!: string[];
  @ApiProperty({
    type: Actor,
    nullable: true,
    description:
      "who of this office did it (sent, downloaded, acknowledged): its key or staff user; null for the exchange's own steps, the other office's, and records from before actors were recorded",
  })
  actor!: Actor | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description:
      'downloaded: the file downloaded (its id in the delivery), null when the whole bundle was; null for every other event',
  })
  fileId!: string | null;
  @ApiProperty() occurredAt!: string;
}

export class HistoryPageDto {
  @ApiProperty({ type: [HistoryItemDto] }) items!: HistoryItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
