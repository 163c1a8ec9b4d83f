import { dataOf, type GatewayClient, type operations, type Schemas } from './gateway.client';

export interface BundleFileInput {
  /** The name as the receiver will see it (standard CSV names, or any attachment name, Japanese included). */
  name: string;
  bytes: Uint8Array;
}

export interface SendOptions {
  idempotencyKey?: string;
  /** Upload progress: bytes of the multipart body sent so far, of total. */
  onProgress?: (sent: number, total: number) => void;
}

type SubmitHeader = operations['SubmissionsController_create']['parameters']['header'];

/** Sends a bundle as multipart/form-data (`to`, then one `files` part per file) and answers the submission. */
export async function sendBundle(
  client: GatewayClient,
  to: string,
  files: readonly BundleFileInput[],
  options: SendOptions = {},
): Promise<Schemas['SubmissionDto']> {
  const form = bundleForm(to, files);
  const result = await client.POST('/v1/submissions', {
    params: { header: idempotencyHeader(options.idempotencyKey) },
    // The typed body names the fields; the bytes travel in the FormData built above.
    body: { to, files: files.map((f) => f.name) },
    bodySerializer: () => form,
    fetch: options.onProgress ? countingFetch(options.onProgress) : undefined,
  });
  return dataOf(result);
}

/** A bundle as JSON records (the 5.0 direction): the gateway renders each document into its standard CSV file. */
export type JsonBundle = Schemas['JsonBundleBody'];

/** Sends a JSON bundle (application/json) and answers the submission, as sendBundle does for files. */
export async function sendJsonBundle(
  client: GatewayClient,
  bundle: JsonBundle,
  options: Pick<SendOptions, 'idempotencyKey'> = {},
): Promise<Schemas['SubmissionDto']> {
  const result = await client.POST('/v1/submissions', {
    params: { header: idempotencyHeader(options.idempotencyKey) },
    body: bundle,
  });
  return dataOf(result);
}

export function bundleForm(to: string, files: readonly BundleFileInput[]): FormData {
  const form = new FormData();
  form.append('to', to);
  for (const f of files) form.append('files', new Blob([Buffer.from(f.bytes)]), f.name);
  return form;
}

function idempotencyHeader(key: string | undefined): SubmitHeader {
  return key === undefined ? {} : { 'Idempotency-Key': key };
}

/** A fetch that streams the request body through a byte counter (fetch has no upload progress of its own). */
function countingFetch(onProgress: (sent: number, total: number) => void): typeof fetch {
  return async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const request = new Request(input, init);
    const body = new Uint8Array(await request.arrayBuffer());
    const total = body.byteLength;
    const chunk = 64 * 1024;
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= total) {
          onProgress(total, total);
          controller.close();
          return;
        }
        controller.enqueue(body.subarray(offset, offset + chunk));
        offset = Math.min(total, offset + chunk);
        onProgress(offset, total);
      },
    });
    return fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: stream,
      duplex: 'half',
      signal: request.signal,
    });
  };
}
