import { pullInbox, type PullResult } from '@careplan/client';
import { emit, type CliContext } from '../cli.context';
import { gatewayClient } from '../cli.gateway';
import { EXIT_OK, EXIT_REFUSED } from '../cli.io';

export interface PullCommandOptions {
  out: string;
  ack?: boolean;
  from?: string;
}

export async function pullCommand(ctx: CliContext, options: PullCommandOptions): Promise<number> {
  const client = gatewayClient(ctx);
  const result = await pullInbox(client, options.out, { ack: options.ack === true, from: options.from });
  emit(ctx, result, () => pullText(ctx, result, true));
  return result.failed.length > 0 ? EXIT_REFUSED : EXIT_OK;
}

export function pullText(ctx: CliContext, result: PullResult, sayNothingNew: boolean): string {
  const lines = [
    ...result.pulled.map(
      (d) => `${ctx.m.pulled(d.deliveryId, d.files.length)}\n${d.files.map((f) => `  ${f.path}\n`).join('')}`,
    ),
    ...result.failed.map((f) => `${ctx.m.pullFailed(f.deliveryId, f.reason)}\n`),
  ];
  if (lines.length === 0 && sayNothingNew) return `${ctx.m.nothingNew}\n`;
  return lines.join('');
}
