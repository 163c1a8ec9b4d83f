import createClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './gateway.schema';

/** The gateway's API, typed by the checked-in contract (openapi/gateway.json → gateway.schema.ts). */
export type GatewayClient = Client<paths>;
export type Schemas = components['schemas'];
export type { components, operations, paths };

export interface GatewayClientOptions {
  /** e.g. https://exchange.example.jp (no /v1: the paths carry it). */
  baseUrl: string;
  apiKey?: string;
  /** An access token from POST /v1/auth/token, sent as Authorization: Bearer (instead of the key). */
  accessToken?: string;
  fetch?: typeof fetch;
}

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const headers: Record<string, string> = {};
  if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
  if (options.accessToken !== undefined) headers.authorization = `Bearer ${options.accessToken}`;
  return createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), headers, fetch: options.fetch });
}

/** A refused request: the HTTP status and the problem+json body the gateway answered. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(problemText(status, problem));
    this.name = 'GatewayError';
  }

  /** The problem's machine code (e.g. UNKNOWN_RECEIVER), when the body has one. */
  get code(): string | undefined {
    const code = isRecord(this.problem) ? this.problem.code : undefined;
    return typeof code === 'string' ? code : undefined;
  }
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer, or a GatewayError for any other. */
export function dataOf<T>(result: FetchResult<T>): T {
  if (result.response.ok && result.error === undefined) return result.data as T;
  throw new GatewayError(result.response.status, result.error);
}

function problemText(status: number, problem: unknown): string {
  if (!isRecord(problem)) return `HTTP ${status}`;
  const parts = [problem.code, problem.detail ?? problem.title ?? problem.message].filter(
    (p): p is string => typeof p === 'string',
  );
  return parts.length > 0 ? `HTTP ${status}: ${parts.join(' ')}` : `HTTP ${status}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
