import { Injectable } from '@nestjs/common';
import type { OfficeWebhookStatusDto, WebhookLastDeliveryDto } from '@careplan/contracts';
import { OfficeWebhookRepository, OfficeWebhookRow } from './office-webhook.repository';

/** A dead letter's error, as much of it as a status line shows. */
const ERROR_SHOWN = 200;

/** One office's webhook for the operations console: configured or not, where to, how its pushes went. */
@Injectable()
export class OfficeWebhookService {
  constructor(private readonly repository: OfficeWebhookRepository) {}

  async status(officeNumber: string): Promise<OfficeWebhookStatusDto> {
    const row = await this.repository.find(officeNumber);
    const configured = row.url !== null && row.has_secret;
    return {
      configured,
      host: configured ? hostOf(row.url) : null,
      configuredAt: row.configured_at?.toISOString() ?? null,
      lastDelivery: lastDelivery(row),
      deadLetters: row.waiting,
    };
  }
}

/**
 * Only the host: an endpoint's path or query may carry a token of the office's, which operators need not see.
 * An unparsable stored URL (never written by the gateway, which checks it) shows as null.
 */
export function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

/** The later of the last delivered push and the last dead letter (a replay that got through is newer). */
function lastDelivery(row: OfficeWebhookRow): WebhookLastDeliveryDto | null {
  const delivered = row.last_delivered_at;
  const failed = row.last_failed_at;
  if (failed && (!delivered || failed > delivered))
    return {
      status: 'failed',
      at: failed.toISOString(),
      error: (row.last_error ?? '').slice(0, ERROR_SHOWN),
    };
  return delivered ? { status: 'delivered', at: delivered.toISOString(), error: null } : null;
}
