import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ListInboxQuery } from '../../inbox/dto/inbox.dto';

/** Filters of the history; the archive checks their values and answers HISTORY_FILTER_INVALID. */
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
export class ListHistoryQuery extends IntersectionType(ListInboxQuery, HistoryFilterQuery) {}

export class ExportHistoryQuery extends HistoryFilterQuery {
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
