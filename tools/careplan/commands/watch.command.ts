import { pullInbox } from '@careplan/client';
import type { CliContext } from '../cli.context';
import { gatewayClient } from '../cli.gateway';
import { CliError, EXIT_FAILED, EXIT_OK } from '../cli.io';
import { pullText } from './pull.command';

export interface WatchCommandOptions {
  out: string;
  interval: string;
  ack?: boolean;
  /** Stop after this many rounds (tests, cron-like use); unset: until interrupted. */
  rounds?: string;
}

/**
 * The webhook-less way to receive: pulls, sleeps, pulls again. With --json, one JSON line per round that
 * pulled or failed something. A failed round (network, server) is reported and retried at the next one.
 */
export async function watchCommand(ctx: CliContext, options: WatchCommandOptions): Promise<number> {
  const interval = Number(options.interval);
  if (!Number.isFinite(interval) || interval <= 0)
    throw new CliError('--interval: seconds > 0', EXIT_FAILED, 'USAGE');
  const client = gatewayClient(ctx);
  const rounds = options.rounds === undefined ? Infinity : Number(options.rounds);
  let stopped = false;
  const stop = () => (stopped = true);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    for (let round = 1; !stopped && round <= rounds; round++) {
      await pullRound(ctx, client, options);
      if (round < rounds) await sleep(interval * 1000, () => stopped);
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return EXIT_OK;
}

async function pullRound(
  ctx: CliContext,
  client: ReturnType<typeof gatewayClient>,
  options: WatchCommandOptions,
): Promise<void> {
  try {
    const result = await pullInbox(client, options.out, { ack: options.ack === true });
    if (result.pulled.length === 0 && result.failed.length === 0) return;
    ctx.io.stdout(ctx.json ? `${JSON.stringify(result)}\n` : pullText(ctx, result, false));
  } catch (e: unknown) {
    ctx.io.stderr(`${e instanceof Error ? e.message : String(e)}\n`);
  }
}

async function sleep(ms: number, stopped: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!stopped() && Date.now() < until)
    await new Promise((r) => setTimeout(r, Math.min(250, until - Date.now())));
}
