// The typed client of the operations API (types generated from openapi/ops.json into ops.schema.ts). Same origin
// as the console, with the session cookie: unsafe methods carry the session's CSRF token, and a session that has
// ended sends the operator to the sign-in page.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './ops.schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemDto'];
/** What a failed call shows: the problem's code, status and message, also for failures that are not problem+json. */
export type ShownProblem = Pick<Problem, 'code' | 'status' | 'message'>;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** 401 codes that mean "sign in again" (OPS_TOKEN_MISSING: a request with neither cookie nor bearer token). */
const SESSION_LOST_CODES = new Set([
  'CONSOLE_SESSION_EXPIRED',
  'CONSOLE_SESSION_MISSING',
  'OPS_TOKEN_MISSING',
]);

let csrfToken: string | null = null;
let onSessionLost: (code: string) => void = () => undefined;

/** The current session's CSRF token (null once signed out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Who reacts to an ended session (the session provider, which knows the router); returns the unregistration. */
export function setSessionLostHandler(handler: (code: string) => void): () => void {
  onSessionLost = handler;
  return () => {
    if (onSessionLost === handler) onSessionLost = () => undefined;
  };
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Partial<Problem>;
  return typeof b.code === 'string' && typeof b.message?.ja === 'string' && typeof b.message.en === 'string';
}

async function problemOf(response: Response): Promise<Problem | null> {
  try {
    const body: unknown = await response.json();
    return isProblem(body) ? body : null;
  } catch {
    return null;
  }
}

export const consoleMiddleware: Middleware = {
  onRequest({ request }) {
    if (csrfToken && UNSAFE_METHODS.has(request.method.toUpperCase()))
      request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  async onResponse({ response }) {
    if (response.status === 401) {
      const p = await problemOf(response.clone());
      if (p && SESSION_LOST_CODES.has(p.code)) onSessionLost(p.code);
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(consoleMiddleware);

/** A failed call, with the problem to show. */
export class ApiError extends Error {
  constructor(readonly problem: ShownProblem) {
    super(`${problem.code}: ${problem.message.en}`);
  }
}

/** The problem to show for what a failed call gave back (a problem+json body, or anything else). */
export function toShownProblem(error: unknown, status: number): ShownProblem {
  if (isProblem(error)) return error;
  return {
    code: `HTTP_${status}`,
    status,
    message: {
      ja: `サーバーがエラーを返しました（HTTP ${status}）。`,
      en: `The server answered with an error (HTTP ${status}).`,
    },
  };
}

const NETWORK: ShownProblem = {
  code: 'NETWORK',
  status: 0,
  message: {
    ja: 'サーバーに接続できませんでした。ネットワークを確認して再度お試しください。',
    en: 'Could not reach the server. Check the network and try again.',
  },
};

/**
 * The data of a call, or an ApiError with its problem: what the pages await. A network failure is a problem
 * too, so every page shows one kind of error.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(NETWORK);
  }
  if (!result.response.ok) throw new ApiError(toShownProblem(result.error, result.response.status));
  return result.data as T;
}

const UNEXPECTED: ShownProblem = {
  code: 'UNEXPECTED',
  status: 0,
  message: {
    ja: '予期しないエラーが発生しました。画面を再読み込みしてください。',
    en: 'Something unexpected went wrong. Reload the page.',
  },
};

/** The problem of whatever a call threw. */
export function problemFrom(e: unknown): ShownProblem {
  return e instanceof ApiError ? e.problem : UNEXPECTED;
}
