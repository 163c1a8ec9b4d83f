import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OfficeWebhookStatusDto } from '@careplan/contracts';
import { RouterClient } from '../dead-letters/router.client';
import { DirectoryRepository } from '../directory/directory.repository';
import { historyItemDto } from '../history/history.service';
import { HistoryRepository } from '../history/history.repository';
import type { OperatorContext } from '../operators/operator-scope';
import { PROBE_TIMEOUT_MS } from '../overview/service-health';
import { RegistryService } from '../registry/registry.service';
import type { OfficeActivityDto, OfficeDirectoryStatusDto } from './dto/office-activity.dto';

export const RECENT_HISTORY = 20;

/** One office's activity for the console, within the operator's scope like the office itself. */
@Injectable()
export class OfficeActivityService {
  private readonly logger = new Logger(OfficeActivityService.name);

  constructor(
    private readonly registry: RegistryService,
    private readonly directory: DirectoryRepository,
    private readonly history: HistoryRepository,
    @Inject(RouterClient) private readonly router: RouterClient,
  ) {}

  async activity(op: OperatorContext, officeNumber: string): Promise<OfficeActivityDto> {
    // Another prefecture's office, or none: OFFICE_NOT_FOUND, before anything of it is read.
    const office = await this.registry.get(op, officeNumber);
    const [webhook, connected, history] = await Promise.all([
      this.webhook(officeNumber),
      this.directory.findConnected(officeNumber),
      this.history.pageForOffice(officeNumber, {}, undefined, RECENT_HISTORY),
    ]);
    const directory: OfficeDirectoryStatusDto = {
      listed: office.listed,
      connected: connected !== null,
      connectedSince: connected?.connectedSince ?? null,
      searchable: office.listed && connected !== null,
    };
    return {
      officeNumber,
      webhook,
      directory,
      history: history.items.map(historyItemDto),
      moreHistory: history.nextCursor !== null,
    };
  }

  /** The router's part: the page shows the rest when the router does not answer (in time). */
  private async webhook(officeNumber: string): Promise<OfficeWebhookStatusDto | null> {
    try {
      return await this.router.officeWebhook(officeNumber, PROBE_TIMEOUT_MS);
    } catch (e) {
      this.logger.warn(`activity of ${officeNumber} without its webhook: ${String(e)}`);
      return null;
    }
  }
}
