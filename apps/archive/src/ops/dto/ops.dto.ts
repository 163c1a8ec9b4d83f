import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { PREFECTURE_PATTERN } from '../../registry/dto/office.dto';

export class PrefectureQuery {
  @ApiPropertyOptional({ example: '13' }) @IsOptional() @Matches(PREFECTURE_PATTERN) prefecture?: string;
}

export class PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class DeadLetterQuery extends PageQuery {
  @ApiPropertyOptional({ example: '13' }) @IsOptional() @Matches(PREFECTURE_PATTERN) prefecture?: string;
}

/** Either ids, or all (optionally of one prefecture). */
export class ReplayDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  ids?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() all?: boolean;
  @ApiPropertyOptional({ example: '13' }) @IsOptional() @Matches(PREFECTURE_PATTERN) prefecture?: string;
}
