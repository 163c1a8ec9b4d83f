import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';
import { OptionalNotNull } from '@careplan/platform';
import { PageQuery } from '../../ops/dto/page.dto';
import { PREFECTURE_PATTERN } from '../../registry/dto/office.dto';

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
