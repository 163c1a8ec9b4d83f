import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import {
  DeadLetterPageDto,
  DeadLetterQuery,
  ReplayDeadLettersBody,
  ReplayResultDto,
} from '@careplan/contracts';
import { InternalTokenGuard } from '@careplan/platform';
import { DeadLettersService } from './dead-letters.service';

/** Webhook dead letters for the operations API (the archive's /ops/v1/dead-letters calls these). */
@UseGuards(InternalTokenGuard)
@Controller('internal/v1/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  list(@Query() query: DeadLetterQuery): Promise<DeadLetterPageDto> {
    return this.deadLetters.list(query);
  }

  @Post('replay')
  @HttpCode(200)
  replay(@Body() body: ReplayDeadLettersBody): Promise<ReplayResultDto> {
    return this.deadLetters.replay(body);
  }
}
