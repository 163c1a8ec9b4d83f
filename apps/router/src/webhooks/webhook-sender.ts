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
    const name = e instanceof Error ? e.name : '';
    const error = name === 'TimeoutError' ? `timed out after ${req.timeoutMs} ms` : describeFetchError(e);
    return { outcome: 'retry', error };
  }
}

function describeFetchError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as Error & { cause?: unknown }).cause;
  const code = cause instanceof Error ? ((cause as Error & { code?: string }).code ?? cause.message) : '';
  return code ? `${e.message}: ${code}` : e.message;
}
