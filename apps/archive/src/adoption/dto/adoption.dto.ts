import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PREFECTURE_PATTERN } from '@careplan/contracts';

export class PrefectureQuery {
  @ApiPropertyOptional({ example: '13' }) @IsOptional() @Matches(PREFECTURE_PATTERN) prefecture?: string;
}
