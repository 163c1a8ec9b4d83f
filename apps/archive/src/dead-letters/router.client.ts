import type {
  DeadLetterPageDto,
  DeadLetterQuery,
  ReplayDeadLettersBody,
  ReplayResultDto,
} from '@careplan/contracts';
import { Problems } from '@careplan/contracts';
import { InternalHttpClient, InternalHttpOptions, problem } from '@careplan/platform';

const unavailable = () => problem(Problems.DEAD_LETTERS_UNAVAILABLE);

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
