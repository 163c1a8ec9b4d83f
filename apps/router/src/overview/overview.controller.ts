import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { RouterOverviewDto, RouterOverviewQuery } from '@careplan/contracts';
import { InternalTokenGuard } from '@careplan/platform';
import { OverviewService } from './overview.service';

/** The router's part of the operations overview (the archive's /ops/v1/overview calls it). */
@UseGuards(InternalTokenGuard)
@Controller('internal/v1/overview')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get()
  figures(@Query() query: RouterOverviewQuery): Promise<RouterOverviewDto> {
    return this.overview.figures(query);
  }
}
