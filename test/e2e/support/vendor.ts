import { Client } from 'pg';
import { buildFile, DEFAULT_PARTIES } from '@careplan/spec/testing';
import { gatewayUrl, Upload } from './api';
import { readState } from './state';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the gateway with a key (or none) and parses JSON or problem+json answers. */
export async function call<T = Record<string, unknown>>(
  apiKey: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  base = gatewayUrl(''),
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (apiKey !== undefined) headers['x-api-key'] = apiKey;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as T };
}

/** The plan files of the standard (第6表, 第7表, 補足) from `sender` to `receiver`. */
export function planFor(sender: string, receiver: string, serial = '20250425103000'): Upload[] {
  const parties = { ...DEFAULT_PARTIES, sender, receiver, serial };
  return (['UPPLAN', 'UPSIKYU', 'UPHOSOKU'] as const).map((t) => buildFile(t, { parties }));
}

/** Reads this run's database directly: to prove what was (not) stored, and to set up rare states. */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: readState().databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
