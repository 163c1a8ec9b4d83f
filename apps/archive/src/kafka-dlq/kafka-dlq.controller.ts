import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblems } from '@careplan/platform';
import { ProblemGroups, Problems } from '@careplan/contracts';
import { CurrentOperator, OperatorGuard } from '../operators/operator.guard';
import type { OperatorContext } from '../operators/operator-scope';
import { KafkaDlqPageDto, KafkaDlqQuery, KafkaDlqReplayDto, KafkaDlqReplayResult } from './dto/kafka-dlq.dto';
import { KafkaDlqService } from './kafka-dlq.service';

/** Kafka dead letters (`<topic>.dlq`) and their replay: central administrators only. */
@ApiTags('administration')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@ApiProblems(...ProblemGroups.operatorToken, ...ProblemGroups.any, Problems.OPS_ROLE)
@Controller('ops/v1/dlq')
export class KafkaDlqController {
  constructor(private readonly dlq: KafkaDlqService) {}

  @ApiOperation({ summary: 'Kafka dead-letter messages — Kafkaデッドレター一覧' })
  @ApiProblems(...ProblemGroups.input, Problems.DLQ_TOPIC_UNKNOWN, Problems.DLQ_ID_INVALID)
  @Get()
  @ApiOkResponse({ type: KafkaDlqPageDto })
  list(@CurrentOperator() op: OperatorContext, @Query() q: KafkaDlqQuery): Promise<KafkaDlqPageDto> {
    return this.dlq.list(op, q);
  }

  @ApiOperation({ summary: 'Replay Kafka dead-letter messages — Kafkaデッドレターの再処理' })
  @ApiProblems(
    ...ProblemGroups.jsonBody,
    Problems.REPLAY_INVALID,
    Problems.DLQ_ID_INVALID,
    Problems.DLQ_TOPIC_UNKNOWN,
    Problems.DLQ_MESSAGE_NOT_FOUND,
    Problems.DLQ_ALREADY_REPLAYED,
    ...ProblemGroups.write,
  )
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
