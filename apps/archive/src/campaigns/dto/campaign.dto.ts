import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { NoControlCharacters, OptionalNotNull } from '@careplan/platform';
import { ISO_DATE } from '../../licenses/calendar';
import type { CampaignRule } from '../../licenses/license.rules';

/** Either freeMonths (from the application date) or freeFrom + freeTo (a fixed period). */
export class CreateCampaignDto {
  @ApiProperty({ example: 'FY2027_WAIVER' }) @Matches(/^[A-Z0-9_]{2,40}$/) code!: string;
  @ApiProperty() @IsString() @NoControlCharacters() @MinLength(1) @MaxLength(200) nameJa!: string;
  @ApiProperty() @IsString() @NoControlCharacters() @MinLength(1) @MaxLength(200) nameEn!: string;
  @ApiProperty({ example: '2027-04-01' }) @Matches(ISO_DATE) appliesFrom!: string;
  @ApiProperty({ example: '2028-03-31' }) @Matches(ISO_DATE) appliesTo!: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsInt() @Min(1) @Max(120) freeMonths?: number;
  @ApiPropertyOptional() @OptionalNotNull() @Matches(ISO_DATE) freeFrom?: string;
  @ApiPropertyOptional() @OptionalNotNull() @Matches(ISO_DATE) freeTo?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsInt() @Min(0) @Max(10000) priority?: number;
}

/** A campaign as the operations API shows it: the rule itself. */
export class CampaignDto implements CampaignRule {
  @ApiProperty({ example: 'FY2027_WAIVER' }) code!: string;
  @ApiProperty() nameJa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ format: 'date', description: 'terms applied for from this date qualify' })
  appliesFrom!: string;
  @ApiProperty({ format: 'date', description: '… up to this date, inclusive' }) appliesTo!: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'free for N months from the application date',
  })
  freeMonths!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'or free over a fixed period' })
  freeFrom!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) freeTo!: string | null;
  @ApiProperty({ type: 'integer', description: 'the highest wins when several campaigns apply' })
  priority!: number;
}
