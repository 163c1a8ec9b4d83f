import { readState } from './state';
import { runTool, toolEnv } from './system';

export { eventually } from '@careplan/testing';

export interface Office {
  officeNumber: string;
  apiKey: string;
}

export interface Upload {
  name: string;
  bytes: Uint8Array;
}

/** Registers an office with an active license through the same seed tool operators use. */
export function seedOffice(officeNumber: string, name = 'E2E 事業所'): Office {
  const out = runTool('seed', [officeNumber, name], toolEnv(readState()));
  return JSON.parse(out) as Office;
}

export function gatewayUrl(path: string): string {
  return `${readState().urls.gateway}${path}`;
}

export async function submit(
  office: Office,
  to: string,
  files: Upload[],
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  form.append('to', to);
  for (const f of files) form.append('files', new Blob([Buffer.from(f.bytes)]), f.name);
  return fetch(gatewayUrl('/v1/submissions'), {
    method: 'POST',
    headers: { 'x-api-key': office.apiKey, ...headers },
    body: form,
  });
}

export async function getJson<T = Record<string, unknown>>(
  office: Office,
  path: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(gatewayUrl(path), { headers: { 'x-api-key': office.apiKey } });
  return { status: res.status, body: (await res.json()) as T };
}

/** A small but real PDF (a monitoring sheet stand-in). */
export function samplePdf(): Uint8Array {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}
