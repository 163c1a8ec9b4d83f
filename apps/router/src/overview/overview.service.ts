import { Injectable } from '@nestjs/common';
import type { RouterOverviewDto, RouterOverviewQuery } from '@careplan/contracts';
import { OverviewRepository } from './overview.repository';

/** What the operations overview needs from the router, for one prefecture or all. */
@Injectable()
export class OverviewService {
  constructor(private readonly overview: OverviewRepository) {}

  async figures(q: RouterOverviewQuery): Promise<RouterOverviewDto> {
    const prefecture = q.prefecture ?? null;
    const [deadLetters, deliveries] = await Promise.all([
      this.overview.waitingDeadLetters(prefecture),
      this.overview.deliveryChannels(new Date(q.since), prefecture),
    ]);
    return { deadLetters, deliveries };
  }
}
