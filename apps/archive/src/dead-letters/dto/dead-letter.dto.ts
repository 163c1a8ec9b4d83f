import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { OptionalNotNull } from '@careplan/platform';
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

/** As many ids as the router replays in one request. */
export const MAX_REPLAY_IDS = 500;

/** Either ids, or all (optionally of one prefecture). */
export class ReplayDto {
  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REPLAY_IDS)
  @IsUUID('all', { each: true })
  ids?: string[];
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() all?: boolean;
  @ApiPropertyOptional({ example: '13' }) @OptionalNotNull() @Matches(PREFECTURE_PATTERN) prefecture?: string;
}
