import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import { OptionalNotNull, type Page } from '@careplan/platform';
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

const nullableString = (description?: string, format?: string) =>
  ApiProperty({
    type: String,
    nullable: true,
    ...(format ? { format } : {}),
    ...(description ? { description } : {}),
  });

export class KafkaDlqMessageDto {
  @ApiProperty({
    example: 'careplan.submission.received.v1.dlq:0:17',
    description: '`<dlq topic>:<partition>:<offset>`: what a replay names',
  })
  id!: string;
  @ApiProperty({ example: 'careplan.submission.received.v1.dlq' }) topic!: string;
  @ApiProperty({ type: 'integer' }) partition!: number;
  @ApiProperty({ type: 'integer' }) offset!: number;
  @ApiProperty({ example: 'careplan.submission.received.v1' }) originalTopic!: string;
  @ApiProperty({ type: 'integer', nullable: true }) originalPartition!: number | null;
  @nullableString('a Kafka offset, as a string') originalOffset!: string | null;
  @nullableString() key!: string | null;
  @nullableString(undefined, 'uuid') eventId!: string | null;
  @ApiProperty({ example: 'submission.received', description: "the topic's entity and event" })
  eventType!: string;
  @nullableString(undefined, 'uuid') submissionId!: string | null;
  @nullableString('the consumer that gave up') consumer!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) attempts!: number | null;
  @nullableString('the last error') error!: string | null;
  @nullableString(undefined, 'date-time') failedAt!: string | null;
  @nullableString('null until replayed', 'date-time') replayedAt!: string | null;
  @nullableString('the operator who replayed it') replayedBy!: string | null;
}

export class KafkaDlqPageDto implements Page<KafkaDlqMessageDto> {
  @ApiProperty({ type: [KafkaDlqMessageDto] }) items!: KafkaDlqMessageDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the next page's first message id; null at the end",
  })
  nextCursor!: string | null;
}

export class KafkaDlqReplayResult {
  @ApiProperty({ type: 'integer' }) replayed!: number;
  @ApiProperty({ type: [String], description: 'the ids replayed' }) ids!: string[];
}
