import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ISO_MONTH } from '../../licenses/calendar';
import { PREFECTURE_PATTERN } from '@careplan/contracts';
import { BILLING_METHODS, type BillingMethod } from '../../licenses/license.rules';
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

export class ExemptionReasonDto {
  @ApiProperty({ example: 'FY2027_WAIVERにより2027-09-30まで無料' }) ja!: string;
  @ApiProperty({ example: 'FY2027_WAIVER: free until 2027-09-30' }) en!: string;
}

/** One term starting in the month. */
export class StatementLineDto {
  @ApiProperty({ example: '1371500420' }) officeNumber!: string;
  @ApiProperty() officeName!: string;
  @ApiProperty({ type: 'integer' }) termNo!: number;
  @ApiProperty({ format: 'date' }) termStart!: string;
  @ApiProperty({ format: 'date' }) termEnd!: string;
  @ApiProperty({ enum: BILLING_METHODS }) billingMethod!: BillingMethod;
  @ApiProperty({ type: 'integer', description: 'tax included; 0 when exempted' }) amountYen!: number;
  @ApiProperty({ type: String, nullable: true }) campaignCode!: string | null;
  @ApiProperty({ type: ExemptionReasonDto, nullable: true, description: 'why the term is free' })
  exemptionReason!: ExemptionReasonDto | null;
}

export class MethodTotalDto {
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: 'integer' }) amountYen!: number;
}

export class MethodTotalsDto implements Record<BillingMethod, MethodTotalDto> {
  @ApiProperty({ type: MethodTotalDto, description: '介護給付費からの天引き' }) deduction!: MethodTotalDto;
  @ApiProperty({ type: MethodTotalDto, description: '国保連合会からの請求書' }) invoice!: MethodTotalDto;
}

export class StatementTotalsDto {
  @ApiProperty({ type: 'integer' }) lines!: number;
  @ApiProperty({ type: 'integer', description: 'lines with an amount to pay' }) billed!: number;
  @ApiProperty({ type: 'integer', description: 'lines a campaign makes free' }) exempted!: number;
  @ApiProperty({ type: 'integer' }) amountYen!: number;
  @ApiProperty({ type: MethodTotalsDto }) byMethod!: MethodTotalsDto;
}

export class StatementDto implements StatementContent {
  @ApiProperty({ example: '13' }) prefecture!: string;
  @ApiProperty({ example: '2026-06' }) month!: string;
  @ApiProperty({ type: [StatementLineDto] }) lines!: StatementLineDto[];
  @ApiProperty({ type: StatementTotalsDto }) totals!: StatementTotalsDto;
  @ApiProperty({ type: 'integer', description: 'raised each time a re-run changes the content' })
  revision!: number;
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical content' }) contentHash!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
}

export class AnnualMonthDto extends StatementTotalsDto {
  @ApiProperty({ example: '2026-04' }) month!: string;
}

export class AnnualSummaryDto {
  @ApiProperty({ example: '13' }) prefecture!: string;
  @ApiProperty({ type: 'integer', example: 2026, description: 'April of this year to March of the next' })
  fiscalYear!: number;
  @ApiProperty({ type: [AnnualMonthDto] }) months!: AnnualMonthDto[];
  @ApiProperty({ type: StatementTotalsDto }) totals!: StatementTotalsDto;
}
