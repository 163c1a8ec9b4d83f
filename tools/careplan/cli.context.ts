import type { GatewayClient } from '@careplan/client';
import { readConfig } from './cli.config';
import type { CliIo } from './cli.io';
import type { Locale, Messages } from './cli.messages';

/** What every command gets: the process's streams, the locale's messages, and whether to answer in JSON. */
export interface CliContext {
  io: CliIo;
  locale: Locale;
  m: Messages;
  json: boolean;
}

/** JSON for scripts (one document on stdout), else the human text. */
export function emit(ctx: CliContext, data: unknown, human: () => string): void {
  ctx.io.stdout(ctx.json ? `${JSON.stringify(data, null, 2)}\n` : human());
}

/** The gateway client for the configured office; loaded on demand, so offline commands never load HTTP code. */
export async function gatewayClient(ctx: CliContext): Promise<GatewayClient> {
  const { createGatewayClient } = await import('@careplan/client');
  const config = readConfig(ctx.io, ctx.m);
  return createGatewayClient({ baseUrl: config.url, apiKey: config.apiKey });
}

export function configuredUrl(ctx: CliContext): string {
  return readConfig(ctx.io, ctx.m).url;
}
