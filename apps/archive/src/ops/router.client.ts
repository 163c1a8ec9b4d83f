import { HttpStatus } from '@nestjs/common';
import { AppException, cursorInvalid } from '@careplan/platform';

export interface DeadLetter {
  id: string;
  officeNumber: string;
  url: string;
  event: string;
  deliveryId: string;
  submissionId: string;
  attempts: number;
  lastError: string;
  failedAt: string;
}

export interface DeadLetterPage {
  items: DeadLetter[];
  nextCursor: string | null;
}

export interface RouterClientOptions {
  routerUrl: string;
  internalToken: string;
}

const TIMEOUT_MS = 5000;

const unavailable = () =>
  new AppException('DEAD_LETTERS_UNAVAILABLE', HttpStatus.SERVICE_UNAVAILABLE, {
    ja: '配信失敗の一覧を一時的に取得できません。しばらくしてから再度お試しください。',
    en: 'Dead letters are temporarily unavailable. Please retry shortly.',
  });

/** The router's internal dead-letter API: the archive never reads the router's tables. */
export class RouterClient {
  constructor(private readonly options: RouterClientOptions) {}

  async deadLetters(q: {
    prefecture: string | null;
    cursor?: string;
    limit?: number;
  }): Promise<DeadLetterPage> {
    const url = new URL('/internal/v1/dead-letters', this.options.routerUrl);
    if (q.prefecture) url.searchParams.set('prefecture', q.prefecture);
    if (q.cursor) url.searchParams.set('cursor', q.cursor);
    if (q.limit) url.searchParams.set('limit', String(q.limit));
    return this.call<DeadLetterPage>(url, { method: 'GET' });
  }

  replay(body: { ids: string[] } | { all: true; prefecture?: string }): Promise<{ replayed: number }> {
    const url = new URL('/internal/v1/dead-letters/replay', this.options.routerUrl);
    return this.call(url, { method: 'POST', body: JSON.stringify(body) });
  }

  private async call<T>(url: URL, init: RequestInit): Promise<T> {
    let res: Response;
    try {
      res = await fetch(url, {
        ...init,
        headers: { 'x-internal-token': this.options.internalToken, 'content-type': 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw unavailable();
    }
    if (res.status === 400) throw cursorInvalid();
    if (!res.ok) throw unavailable();
    return (await res.json()) as T;
  }
}
