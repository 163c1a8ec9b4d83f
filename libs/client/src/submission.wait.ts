import { dataOf, type GatewayClient, type Schemas } from './gateway.client';

type Status = Schemas['SubmissionDto']['status'];

export interface WaitOptions {
  /** settled: validated or rejected (the report is known); delivered: in the receiver's inbox (or rejected). */
  until: 'delivered' | 'settled';
  timeoutMs: number;
  intervalMs?: number;
  /** Each status seen, e.g. to show progress. */
  onStatus?: (status: Status) => void;
}

const SETTLED: readonly Status[] = ['validated', 'rejected', 'delivered', 'downloaded', 'acknowledged'];
const DELIVERED: readonly Status[] = ['rejected', 'delivered', 'downloaded', 'acknowledged'];

export class WaitTimeoutError extends Error {
  constructor(
    readonly submission: Schemas['SubmissionDto'],
    timeoutMs: number,
  ) {
    super(`submission ${submission.id} still ${submission.status} after ${timeoutMs} ms`);
    this.name = 'WaitTimeoutError';
  }
}

/** Polls a submission until it reaches the wanted state (a rejection ends every wait). */
export async function waitForSubmission(
  client: GatewayClient,
  id: string,
  options: WaitOptions,
): Promise<Schemas['SubmissionDto']> {
  const wanted = options.until === 'delivered' ? DELIVERED : SETTLED;
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 500;
  for (;;) {
    const submission = dataOf(await client.GET('/v1/submissions/{id}', { params: { path: { id } } }));
    options.onStatus?.(submission.status);
    if (wanted.includes(submission.status)) return submission;
    if (Date.now() + interval > deadline) throw new WaitTimeoutError(submission, options.timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
