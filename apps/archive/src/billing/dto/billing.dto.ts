import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ISO_MONTH } from '../../licenses/calendar';
import { PREFECTURE_PATTERN } from '@careplan/contracts';
import type { StatementContent } from '../statement';

export class StatementQuery {
  @ApiPropertyOptional({ example: '13', description: "defaults to a prefecture operator's own" })
  @IsOptional()
  @Matches(PREFECTURE_PATTERN)
  prefecture?: string;
  @ApiPropertyOptional({ example: '2026-06' }) @Matches(ISO_MONTH) month!: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?:
    'json' | 'csv';
  @ApiPropertyOptional({ enum: ['utf8', 'ms932'] }) @IsOptional() @IsIn(['utf8', 'ms932']) encoding?:
    'utf8' | 'ms932';
}

export class AnnualQuery {
  @ApiPropertyOptional({ example: '13' }) @IsOptional() @Matches(PREFECTURE_PATTERN) prefecture?: string;
  @ApiPropertyOptional({ example: 2026, description: 'April of this year to March of the next' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;
}

export interface StatementDto extends StatementContent {
  revision: number;
  contentHash: string;
  generatedAt: string;
}

export interface AnnualSummaryDto {
  prefecture: string;
  fiscalYear: number;
  months: (StatementContent['totals'] & { month: string })[];
  totals: StatementContent['totals'];
}
