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
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PAGE_LIMIT_DEFAULT } from '@careplan/contracts';
import { OptionalNotNull } from '@careplan/platform';
import { DLQ_ID_PATTERN } from '../kafka-dlq.paging';

export const MAX_DLQ_PAGE = 500;
export const MAX_DLQ_REPLAY_IDS = 500;

/**
 * Not a PageQuery: Kafka dead letters are read from topic offsets, not a table, so the cursor is a message
 * id an operator can read (and name in a replay), and a page may hold more.
 */
export class KafkaDlqQuery {
  /** A topic or its `.dlq` twin; without it every topic's dead letters are listed. */
  @ApiPropertyOptional({ example: 'careplan.submission.received.v1' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  topic?: string;
  /** The `nextCursor` of the previous page: the id of the first message of this one. */
  @ApiPropertyOptional({ example: 'careplan.submission.received.v1.dlq:0:17' })
  @IsOptional()
  @Matches(DLQ_ID_PATTERN)
  cursor?: string;
  @ApiPropertyOptional({ default: PAGE_LIMIT_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DLQ_PAGE)
  limit?: number;
}

/** Either ids (`<dlq topic>:<partition>:<offset>`) or all; `force` replays messages already replayed. */
export class KafkaDlqReplayDto {
  @ApiPropertyOptional({ type: [String], example: ['careplan.submission.received.v1.dlq:0:17'] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_DLQ_REPLAY_IDS)
  @Matches(DLQ_ID_PATTERN, { each: true })
  ids?: string[];
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() all?: boolean;
  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() force?: boolean;
}

export interface KafkaDlqMessageDto {
  /** `<dlq topic>:<partition>:<offset>`: what a replay names. */
  id: string;
  topic: string;
  partition: number;
  offset: number;
  originalTopic: string;
  originalPartition: number | null;
  originalOffset: string | null;
  key: string | null;
  eventId: string | null;
  /** The topic's entity and event, e.g. `submission.received`. */
  eventType: string;
  submissionId: string | null;
  consumer: string | null;
  attempts: number | null;
  error: string | null;
  failedAt: string | null;
  replayedAt: string | null;
  replayedBy: string | null;
}

export interface KafkaDlqReplayResult {
  replayed: number;
  ids: string[];
}
