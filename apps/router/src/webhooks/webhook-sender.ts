import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  AddressPolicy,
  BlockedAddressError,
  forbiddenLiteralHost,
  permittedOnlyLookup,
} from '@careplan/platform';
import { webhookHeaders } from '@careplan/contracts';

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
  /** Which non-public addresses may be reached (none in production): WEBHOOK_ALLOW_PRIVATE_ADDRESSES, …_LOOPBACK. */
  addresses: AddressPolicy;
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
    const status = await post(req, headers);
    const outcome = classifyStatus(status);
    return outcome === 'success' ? { outcome } : { outcome, error: `HTTP ${status}` };
  } catch (e) {
    // A URL that leads into a private network will not get better by retrying.
    if (e instanceof BlockedAddressError) return { outcome: 'permanent', error: e.message };
    return { outcome: 'retry', error: describe(e) };
  }
}

/**
 * POSTs the body and resolves with the status. Redirects are not followed (a 3xx is retried like a
 * failure): the office registered this URL. Only addresses the policy permits are connected to.
 */
function post(req: PushRequest, headers: Record<string, string>): Promise<number> {
  const url = new URL(req.url);
  const forbidden = forbiddenLiteralHost(url, req.addresses);
  if (forbidden) return Promise.reject(new BlockedAddressError(forbidden));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(req.body)) },
        ...(req.addresses.allowPrivate ? {} : { lookup: permittedOnlyLookup(req.addresses) }),
      },
      (res) => {
        // Only the status counts: the answer's body is dropped with its connection, so an endpoint that
        // never ends its body cannot hold a socket of the router open for good.
        res.destroy();
        clearTimeout(timer);
        resolve(res.statusCode ?? 0);
      },
    );
    const timer = setTimeout(
      () => request.destroy(new Error(`timed out after ${req.timeoutMs} ms`)),
      req.timeoutMs,
    );
    request.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    request.end(req.body);
  });
}

type ErrorLike = { message?: unknown; code?: unknown } | null;

/** "connect ECONNREFUSED 127.0.0.1:9" or "timed out after 10000 ms". */
function describe(e: unknown): string {
  const err = e as ErrorLike;
  return typeof err?.message === 'string' && err.message !== '' ? err.message : String(e);
}
