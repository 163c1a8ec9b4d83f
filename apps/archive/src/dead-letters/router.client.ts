import { HttpStatus } from '@nestjs/common';
import type {
  DeadLetterPageDto,
  DeadLetterQuery,
  ReplayDeadLettersBody,
  ReplayResultDto,
} from '@careplan/contracts';
import { AppException, InternalHttpClient, InternalHttpOptions } from '@careplan/platform';

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

  deadLetters(q: DeadLetterQuery): Promise<DeadLetterPageDto> {
    return this.router.json('/internal/v1/dead-letters', { query: { ...q } });
  }

  replay(body: ReplayDeadLettersBody): Promise<ReplayResultDto> {
    return this.router.json('/internal/v1/dead-letters/replay', { method: 'POST', json: body });
  }
}
