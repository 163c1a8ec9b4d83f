import { AppException, LocalizedMessage, problem as relayed } from '../errors/app.exception';
import { INTERNAL_TOKEN_HEADER } from './internal-token.guard';

export interface InternalHttpOptions {
  /** Where the other service answers, e.g. http://127.0.0.1:3003. */
  baseUrl: string;
  internalToken: string;
}

type Query = Record<string, string | number | undefined>;

export interface InternalRequest {
  query?: Query;
  method?: string;
  json?: unknown;
  /** Longer than this and the other service counts as unavailable (default 10 s). */
  timeoutMs?: number;
}

const TIMEOUT_MS = 10_000;
// Envelope members that the gateway's own filter writes again; the rest (parameter, value …) is passed on.
const ENVELOPE = new Set(['type', 'title', 'status', 'code', 'message', 'instance', 'errorId']);

interface Problem {
  code?: unknown;
  message?: Partial<LocalizedMessage>;
  [extra: string]: unknown;
}

/**
 * Calls another service's internal API with the shared token. A caller's mistake that service reports (4xx
 * with a problem body) reaches the caller with the same code and messages; anything else is `unavailable`.
 */
export class InternalHttpClient {
  constructor(
    private readonly options: InternalHttpOptions,
    private readonly unavailable: () => AppException,
  ) {}

  async request(path: string, init: InternalRequest = {}): Promise<Response> {
    const url = new URL(path, this.options.baseUrl);
    for (const [k, v] of Object.entries(init.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    let res: Response;
    try {
      res = await fetch(url, {
        method: init.method ?? 'GET',
        headers: {
          [INTERNAL_TOKEN_HEADER]: this.options.internalToken,
          ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
        signal: AbortSignal.timeout(init.timeoutMs ?? TIMEOUT_MS),
      });
    } catch {
      throw this.unavailable();
    }
    if (res.ok) return res;
    throw await this.failure(res);
  }

  async json<T>(path: string, init: InternalRequest = {}): Promise<T> {
    return (await (await this.request(path, init)).json()) as T;
  }

  private async failure(res: Response): Promise<AppException> {
    // 401/403 mean the services disagree on the token: an operations problem, not the vendor's.
    if (res.status < 400 || res.status >= 500 || res.status === 401 || res.status === 403)
      return this.unavailable();
    const problem = (await res.json().catch(() => null)) as Problem | null;
    const { ja, en } = problem?.message ?? {};
    if (typeof problem?.code !== 'string' || typeof ja !== 'string' || typeof en !== 'string')
      return this.unavailable();
    const extra = Object.fromEntries(Object.entries(problem).filter(([k]) => !ENVELOPE.has(k)));
    // Relayed as the upstream service answered it: its code is one of the registry's, its message filled.
    return relayed({ code: problem.code, status: res.status, ja, en }, {}, extra);
  }
}
