import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';

// 01 北海道 … 47 沖縄県.
const PREFECTURE = /^(0[1-9]|[1-3]\d|4[0-7])$/;
const PREFECTURE_MESSAGE = 'prefecture must be a two-digit prefecture code (01–47)';

export class ListDeadLettersQuery {
  @IsOptional() @Matches(PREFECTURE, { message: PREFECTURE_MESSAGE }) prefecture?: string;
  @IsOptional() @IsString() cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export const MAX_REPLAY_IDS = 500;

/** Either `ids`, or `all: true`; `prefecture` narrows either to one prefecture's offices. */
export class ReplayDeadLettersBody {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REPLAY_IDS)
  @IsUUID('all', { each: true })
  ids?: string[];

  @IsOptional() @Equals(true) all?: true;
  @IsOptional() @Matches(PREFECTURE, { message: PREFECTURE_MESSAGE }) prefecture?: string;
}

export interface DeadLetterDto {
  id: string;
  officeNumber: string;
  url: string;
  /** The webhook event type, e.g. delivery.delivered. */
  event: string;
  deliveryId: string | null;
  submissionId: string;
  attempts: number;
  lastError: string;
  failedAt: string;
}

export interface DeadLetterPageDto {
  items: DeadLetterDto[];
  nextCursor: string | null;
}

export interface ReplayResultDto {
  replayed: number;
}
