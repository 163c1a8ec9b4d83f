import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PREFECTURE_PATTERN } from '@careplan/contracts';

export class PrefectureQuery {
  @ApiPropertyOptional({ example: '13' }) @IsOptional() @Matches(PREFECTURE_PATTERN) prefecture?: string;
}

/** Active offices: registered, licensed, and exchanging (sent or received) in the last 30 and 90 days. */
export class AdoptionFigures {
  @ApiProperty({ type: 'integer', description: 'active offices registered' }) registered!: number;
  @ApiProperty({ type: 'integer', description: 'of them, with an active license' }) licensed!: number;
  @ApiProperty({ type: 'integer', description: 'of them, exchanging in the last 30 days' }) active30!: number;
  @ApiProperty({ type: 'integer', description: 'of them, exchanging in the last 90 days' }) active90!: number;
}

export class AdoptionPrefectureDto extends AdoptionFigures {
  @ApiProperty({ example: '13' }) prefecture!: string;
}

export class AdoptionRowDto extends AdoptionPrefectureDto {
  @ApiProperty({ example: '15', description: "the office number's 4th and 5th digits" }) district!: string;
}

export class AdoptionDto {
  @ApiProperty({ type: String, nullable: true, example: '13', description: 'null: every prefecture' })
  prefecture!: string | null;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({
    type: [AdoptionPrefectureDto],
    description: 'one row per prefecture (a prefecture operator gets its own only)',
  })
  prefectures!: AdoptionPrefectureDto[];
  @ApiProperty({ type: [AdoptionRowDto] }) districts!: AdoptionRowDto[];
  @ApiProperty({ type: AdoptionFigures }) totals!: AdoptionFigures;
}
