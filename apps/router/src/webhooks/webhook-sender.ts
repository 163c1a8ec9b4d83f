import { webhookHeaders } from './webhook-signature';

export type PushOutcome = 'success' | 'retry' | 'permanent';

export interface PushResult {
  outcome: PushOutcome;
  /** Why it failed, for the log and the dead letter. */
  error?: string;
}

export interface PushRequest {
  url: string;
  secret: string;
  eventId: string;
  type: string;
  body: string;
  timeoutMs: number;
}

/** 2xx succeeds; a 4xx other than 408 and 429 will not get better by retrying; anything else might. */
export function classifyStatus(status: number): PushOutcome {
  if (status >= 200 && status < 300) return 'success';
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return 'permanent';
  return 'retry';
}

/** One signed POST; never throws, the outcome says what to do next. */
export async function pushWebhook(req: PushRequest, now = Date.now()): Promise<PushResult> {
  const headers = webhookHeaders({ ...req, timestamp: Math.floor(now / 1000) });
  try {
    // Redirects are not followed: the receiver registered this URL, a redirect is answered as a failure.
    const res = await fetch(req.url, {
      method: 'POST',
      headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    await res.body?.cancel();
    const outcome = classifyStatus(res.status);
    return outcome === 'success' ? { outcome } : { outcome, error: `HTTP ${res.status}` };
  } catch (e) {
    // Checked by name: the abort is a DOMException, not always an instance of this realm's Error.
    const error = errorName(e) === 'TimeoutError' ? `timed out after ${req.timeoutMs} ms` : describe(e);
    return { outcome: 'retry', error };
  }
}

type ErrorLike = { name?: unknown; message?: unknown; code?: unknown; cause?: unknown } | null;

function errorName(e: unknown): unknown {
  return (e as ErrorLike)?.name;
}

/** "fetch failed: ECONNREFUSED" rather than just "fetch failed". */
function describe(e: unknown): string {
  const err = e as ErrorLike;
  const message = typeof err?.message === 'string' ? err.message : String(e);
  const cause = err?.cause as ErrorLike;
  const detail = cause?.code ?? cause?.message;
  return typeof detail === 'string' && detail !== '' ? `${message}: ${detail}` : message;
}
