import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';
import { OptionalNotNull } from '@careplan/platform';
import { PageQuery } from './paging';
import { PREFECTURE_MESSAGE, PREFECTURE_PATTERN } from './prefecture';

/**
 * Webhook dead letters: kept by the router (GET /internal/v1/dead-letters, POST …/replay), shown to and
 * replayed by operators through the archive's operations API (/ops/v1/dead-letters), which narrows
 * `prefecture` to the operator's own before calling the router.
 */
export class DeadLetterQuery extends PageQuery {
  @ApiPropertyOptional({ example: '13' })
  @IsOptional()
  @Matches(PREFECTURE_PATTERN, { message: PREFECTURE_MESSAGE })
  prefecture?: string;
}

/** As many ids as the router replays in one request. */
export const MAX_REPLAY_IDS = 500;

/** Either `ids`, or `all: true` (see replaySelectionValid); `prefecture` narrows either to one prefecture's offices. */
export class ReplayDeadLettersBody {
  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REPLAY_IDS)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional() @OptionalNotNull() @IsBoolean() all?: boolean;

  @ApiPropertyOptional({ example: '13' })
  @OptionalNotNull()
  @Matches(PREFECTURE_PATTERN, { message: PREFECTURE_MESSAGE })
  prefecture?: string;
}

/**
 * Exactly one of `ids` and `all: true`: neither would replay nothing by mistake, both would be ambiguous.
 * Each service answers its own problem when this is false.
 */
export function replaySelectionValid(body: Pick<ReplayDeadLettersBody, 'ids' | 'all'>): boolean {
  return (body.ids !== undefined) !== (body.all === true);
}

export class DeadLetterDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() officeNumber!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ example: 'delivery.delivered', description: 'the webhook event type' }) event!: string;
  @ApiProperty({ nullable: true, type: String }) deliveryId!: string | null;
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty() lastError!: string;
  @ApiProperty() failedAt!: string;
}

export class DeadLetterPageDto {
  @ApiProperty({ type: [DeadLetterDto] }) items!: DeadLetterDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ReplayResultDto {
  @ApiProperty() replayed!: number;
}
