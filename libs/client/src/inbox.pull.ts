import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { dataOf, type GatewayClient, type Schemas } from './gateway.client';

type InboxEntry = Schemas['InboxEntryDto'];

export interface PullOptions {
  /** Acknowledge each delivery once all its files are written and verified (the receiver has imported it). */
  ack: boolean;
  /** Only deliveries from this office. */
  from?: string;
}

export interface PulledDelivery {
  deliveryId: string;
  submissionId: string;
  from: string;
  sequence: number;
  files: { name: string; path: string; size: number; sha256: string }[];
  acknowledged: boolean;
}

export interface PullFailure {
  deliveryId: string;
  reason: string;
}

export interface PullResult {
  pulled: PulledDelivery[];
  failed: PullFailure[];
}

/**
 * Downloads new deliveries into `dir` under their names as sent, checking every file's sha256 against the inbox
 * entry, in the order receivers import (per sender, by sequence). With `ack`, a delivery is acknowledged only after
 * all of its files were written; deliveries downloaded before but never acknowledged are fetched again.
 */
export async function pullInbox(
  client: GatewayClient,
  dir: string,
  options: PullOptions,
): Promise<PullResult> {
  mkdirSync(dir, { recursive: true });
  const entries = await pending(client, options);
  const result: PullResult = { pulled: [], failed: [] };
  for (const entry of entries) {
    try {
      result.pulled.push(await pullOne(client, dir, entry, options.ack));
    } catch (e: unknown) {
      result.failed.push({ deliveryId: entry.id, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return result;
}

async function pending(client: GatewayClient, options: PullOptions): Promise<InboxEntry[]> {
  const statuses = options.ack ? (['new', 'downloaded'] as const) : (['new'] as const);
  const entries: InboxEntry[] = [];
  for (const status of statuses) {
    let cursor: string | undefined;
    do {
      const page = dataOf(
        await client.GET('/v1/inbox', {
          params: { query: { status, cursor, from: options.from, limit: 100 } },
        }),
      );
      entries.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return entries.sort((a, b) => a.from.localeCompare(b.from) || a.sequence - b.sequence);
}

async function pullOne(
  client: GatewayClient,
  dir: string,
  entry: InboxEntry,
  ack: boolean,
): Promise<PulledDelivery> {
  const files: PulledDelivery['files'] = [];
  for (const file of entry.files) {
    const bytes = await download(client, entry.id, file.id);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== file.sha256)
      throw new Error(`${file.name}: sha256 ${sha256} is not the sent ${file.sha256}`);
    files.push({
      name: file.name,
      path: writeOnce(dir, file.name, bytes, sha256),
      size: bytes.byteLength,
      sha256,
    });
  }
  if (ack) dataOf(await client.POST('/v1/inbox/{id}/ack', { params: { path: { id: entry.id } } }));
  return {
    deliveryId: entry.id,
    submissionId: entry.submissionId,
    from: entry.from,
    sequence: entry.sequence,
    files,
    acknowledged: ack,
  };
}

async function download(client: GatewayClient, id: string, fileId: string): Promise<Uint8Array> {
  const result = await client.GET('/v1/inbox/{id}/files/{fileId}', {
    params: { path: { id, fileId } },
    parseAs: 'arrayBuffer',
  });
  return new Uint8Array(dataOf(result));
}

/** Writes through a temporary name (no half file for the care software to import); never overwrites other bytes. */
function writeOnce(dir: string, name: string, bytes: Uint8Array, sha256: string): string {
  const safe = basename(name);
  if (safe !== name || safe === '' || safe === '.' || safe === '..')
    throw new Error(`refusing file name ${name}`);
  const path = join(dir, safe);
  if (existsSync(path)) {
    if (createHash('sha256').update(readFileSync(path)).digest('hex') === sha256) return path;
    throw new Error(`${path} exists with other contents`);
  }
  const part = join(dir, `.${safe}.part`);
  writeFileSync(part, bytes);
  renameSync(part, path);
  return path;
}
