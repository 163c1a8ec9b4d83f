import type {
  DeadLetterPageDto,
  DeadLetterQuery,
  OfficeWebhookStatusDto,
  ReplayDeadLettersBody,
  ReplayResultDto,
  RouterOverviewDto,
  RouterOverviewQuery,
} from '@careplan/contracts';
import { Problems } from '@careplan/contracts';
import { InternalHttpClient, InternalHttpOptions, problem } from '@careplan/platform';

const unavailable = () => problem(Problems.DEAD_LETTERS_UNAVAILABLE);

/** The router's internal API (dead letters, overview figures, an office's webhook): the archive never reads the router's tables. */
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

  /** The overview's figures; `timeoutMs` short, so that a router away does not hold the overview up. */
  overview(q: RouterOverviewQuery, timeoutMs: number): Promise<RouterOverviewDto> {
    return this.router.json('/internal/v1/overview', { query: { ...q }, timeoutMs });
  }

  /** One office's webhook as the router knows it (never its secret); `timeoutMs` short, like the overview's. */
  officeWebhook(officeNumber: string, timeoutMs: number): Promise<OfficeWebhookStatusDto> {
    return this.router.json(`/internal/v1/offices/${encodeURIComponent(officeNumber)}/webhook`, {
      timeoutMs,
    });
  }
}
