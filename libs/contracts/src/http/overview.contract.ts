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

/** How the office's last webhook push ended. */
export class WebhookLastDeliveryDto {
  @ApiProperty({
    enum: ['delivered', 'failed'],
    description: 'delivered: the endpoint accepted it; failed: it was dead-lettered after the last attempt',
  })
  status!: 'delivered' | 'failed';

  @ApiProperty({ format: 'date-time' }) at!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'HTTP 503',
    description: 'why it failed (the last attempt), shortened; null when delivered',
  })
  error!: string | null;
}

/**
 * One office's webhook as the router knows it (GET /internal/v1/offices/:officeNumber/webhook): never the
 * secret, nor the URL's path or query (which may carry one), only its host.
 */
export class OfficeWebhookStatusDto {
  @ApiProperty({ description: 'true when the office has a webhook URL and secret set up' })
  configured!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'hooks.example.jp',
    description: "the URL's host (and port, when not the default); null when not configured",
  })
  host!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the office last set or removed its webhook; null when it never had one',
  })
  configuredAt!: string | null;

  @ApiProperty({
    type: WebhookLastDeliveryDto,
    nullable: true,
    description: 'the latest push that was delivered or dead-lettered; null when none is on record',
  })
  lastDelivery!: WebhookLastDeliveryDto | null;

  @ApiProperty({ type: 'integer', description: "the office's dead letters waiting for an operator" })
  deadLetters!: number;
}
