import { buildFile, DEFAULT_PARTIES, withOfficeCheckDigit } from '@careplan/spec/testing';
import { Upload } from './api';
import { readState } from './state';
import { runArchiveCli, serviceEnv } from './system';

export interface OpsResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  bytes: Buffer;
}

/** The first central administrator, made by the same command operators use. */
export function createAdmin(name: string): string {
  const out = runArchiveCli(['create-admin', name], serviceEnv(readState()));
  return (JSON.parse(out) as { name: string; token: string }).token;
}

/** Calls the archive's operations API with a bearer token (or none). */
export async function ops<T = Record<string, unknown>>(
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<OpsResponse<T>> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${readState().urls.archive}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').includes('json');
  return {
    status: res.status,
    headers: res.headers,
    body: (json ? JSON.parse(bytes.toString('utf8')) : {}) as T,
    bytes,
  };
}

/** A prefecture operator made by a central administrator through the API; returns its bearer token. */
export async function createPrefectureOperator(
  admin: string,
  name: string,
  prefecture: string,
): Promise<string> {
  const created = await ops<{ token: string }>(admin, 'POST', '/ops/v1/operators', {
    name,
    role: 'prefecture',
    prefecture,
  });
  if (created.status !== 201) throw new Error(`operator ${name} not created: ${created.status}`);
  return created.body.token;
}

/** A valid office number (check digit added) from 9 characters. */
export const officeNo = (body9: string): string => withOfficeCheckDigit(body9);

/** Registers an office and applies for its license through the operations API. */
export async function registerLicensed(
  token: string,
  officeNumber: string,
  name: string,
  license: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const created = await ops(token, 'POST', '/ops/v1/offices', { officeNumber, name, kind: '居宅介護支援' });
  if (created.status !== 201)
    throw new Error(`office ${officeNumber}: ${created.status} ${JSON.stringify(created.body)}`);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
  const applied = await ops(token, 'POST', `/ops/v1/offices/${officeNumber}/license`, {
    startDate: today,
    applicationDate: today,
    ...license,
  });
  if (applied.status !== 201)
    throw new Error(`license ${officeNumber}: ${applied.status} ${JSON.stringify(applied.body)}`);
  return applied.body;
}

/** The standard plan files (第6表, 第7表, 補足) from `sender` to `receiver`. */
export function planBundle(sender: string, receiver: string): Upload[] {
  const parties = { ...DEFAULT_PARTIES, sender, receiver };
  return (['UPPLAN', 'UPSIKYU', 'UPHOSOKU'] as const).map((t) => buildFile(t, { parties }));
}
