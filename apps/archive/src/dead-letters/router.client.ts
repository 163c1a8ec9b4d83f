import { HttpStatus } from '@nestjs/common';
import { AppException, InternalHttpClient, InternalHttpOptions } from '@careplan/platform';

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

const unavailable = () =>
  new AppException('DEAD_LETTERS_UNAVAILABLE', HttpStatus.SERVICE_UNAVAILABLE, {
    ja: '配信失敗の一覧を一時的に取得できません。しばらくしてから再度お試しください。',
    en: 'Dead letters are temporarily unavailable. Please retry shortly.',
  });

/** The router's internal dead-letter API: the archive never reads the router's tables. */
export class RouterClient {
  private readonly router: InternalHttpClient;

  constructor(options: InternalHttpOptions) {
    this.router = new InternalHttpClient(options, unavailable);
  }

  deadLetters(q: { prefecture: string | null; cursor?: string; limit?: number }): Promise<DeadLetterPage> {
    return this.router.json('/internal/v1/dead-letters', {
      query: { prefecture: q.prefecture ?? undefined, cursor: q.cursor, limit: q.limit },
    });
  }

  replay(body: { ids: string[] } | { all: true; prefecture?: string }): Promise<{ replayed: number }> {
    return this.router.json('/internal/v1/dead-letters/replay', { method: 'POST', json: body });
  }
}
