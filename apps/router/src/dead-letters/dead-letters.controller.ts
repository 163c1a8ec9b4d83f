import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { DeadLettersService } from './dead-letters.service';
import {
  DeadLetterPageDto,
  ListDeadLettersQuery,
  ReplayDeadLettersBody,
  ReplayResultDto,
} from './dto/dead-letter.dto';
import { InternalTokenGuard } from '@careplan/platform';

/** Webhook dead letters for the operations API (the archive's /ops/v1/dead-letters calls these). */
@UseGuards(InternalTokenGuard)
@Controller('internal/v1/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  list(@Query() query: ListDeadLettersQuery): Promise<DeadLetterPageDto> {
    return this.deadLetters.list(query.prefecture, query.cursor, query.limit);
  }

  @Post('replay')
  @HttpCode(200)
  replay(@Body() body: ReplayDeadLettersBody): Promise<ReplayResultDto> {
    return this.deadLetters.replay(body);
  }
}
