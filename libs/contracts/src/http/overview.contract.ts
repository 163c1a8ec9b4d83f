import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { PREFECTURE_MESSAGE, PREFECTURE_PATTERN } from './prefecture';

/**
 * The router's figures for the operations overview: GET /internal/v1/overview, which the archive's
 * /ops/v1/overview calls with `prefecture` narrowed to the operator's own. Only the router knows them: the
 * webhook dead letters, and which deliveries a webhook push announced to their receiver.
 */
export class RouterOverviewQuery {
  @ApiPropertyOptional({ example: '13', description: "the receivers' prefecture; none: every prefecture" })
  @IsOptional()
  @Matches(PREFECTURE_PATTERN, { message: PREFECTURE_MESSAGE })
  prefecture?: string;

  /** Deliveries made from this instant on (the overview asks for the Japan day). */
  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) since!: string;
}

/** Deliveries by how the receiver learnt of them. */
export class DeliveryChannelsDto {
  @ApiProperty({
    type: 'integer',
    description: 'deliveries no webhook push announced to the receiver: it finds them by polling its inbox',
  })
  pull!: number;

  @ApiProperty({
    type: 'integer',
    description: "deliveries a webhook push (delivery.delivered) reached the receiver's endpoint with",
  })
  webhook!: number;
}

export class RouterOverviewDto {
  @ApiProperty({
    type: 'integer',
    description: 'webhook dead letters waiting for an operator (not replayed)',
  })
  deadLetters!: number;

  @ApiProperty({ type: DeliveryChannelsDto }) deliveries!: DeliveryChannelsDto;
}
