import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import type { OperatorContext } from '../operators/operator-scope';
import { KafkaDlqPageDto, KafkaDlqQuery, KafkaDlqReplayDto, KafkaDlqReplayResult } from './dto/kafka-dlq.dto';
import { KafkaDlqService } from './kafka-dlq.service';

/** Kafka dead letters (`<topic>.dlq`) and their replay: central administrators only. */
@ApiTags('administration')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@Controller('ops/v1/dlq')
export class KafkaDlqController {
  constructor(private readonly dlq: KafkaDlqService) {}

  @ApiOperation({ summary: 'Kafka dead-letter messages — Kafkaデッドレター一覧' })
  @Get()
  @ApiOkResponse({ type: KafkaDlqPageDto })
  list(@CurrentOperator() op: OperatorContext, @Query() q: KafkaDlqQuery): Promise<KafkaDlqPageDto> {
    return this.dlq.list(op, q);
  }

  @ApiOperation({ summary: 'Replay Kafka dead-letter messages — Kafkaデッドレターの再処理' })
  @Post('replay')
  @ApiOkResponse({ type: KafkaDlqReplayResult })
  @HttpCode(200)
  replay(
    @CurrentOperator() op: OperatorContext,
    @Body() dto: KafkaDlqReplayDto,
  ): Promise<KafkaDlqReplayResult> {
    return this.dlq.replay(op, dto);
  }
}
