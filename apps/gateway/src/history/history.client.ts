import { HttpStatus, Injectable } from '@nestjs/common';
import { AppException, cursorInvalid } from '@careplan/platform';

export interface HistoryPage {
  items: Record<string, unknown>[];
  nextCursor: string | null;
}

export interface HistoryClientOptions {
  archiveUrl: string;
  internalToken: string;
}

/** Reads the archive's history for one office over its internal API: the gateway never reads archive tables. */
@Injectable()
export class HistoryClient {
  constructor(private readonly options: HistoryClientOptions) {}

  async list(officeNumber: string, cursor?: string, limit?: number): Promise<HistoryPage> {
    const url = new URL(`/internal/v1/offices/${officeNumber}/history`, this.options.archiveUrl);
    if (cursor) url.searchParams.set('cursor', cursor);
    if (limit) url.searchParams.set('limit', String(limit));
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { 'x-internal-token': this.options.internalToken },
        signal: AbortSignal.timeout(5000),
      });
    } catch {
      throw unavailable();
    }
    if (res.status === 400) throw cursorInvalid();
    if (!res.ok) throw unavailable();
    return (await res.json()) as HistoryPage;
  }
}

const unavailable = () =>
  new AppException('HISTORY_UNAVAILABLE', HttpStatus.SERVICE_UNAVAILABLE, {
    ja: '履歴を一時的に取得できません。しばらくしてから再度お試しください。',
    en: 'History is temporarily unavailable. Please retry shortly.',
  });
