// Only the commands that talk to the gateway import this module, so offline ones (validate) never load HTTP code.
import { createGatewayClient, type GatewayClient } from '@careplan/client';
import { readConfig } from './cli.config';
import type { CliContext } from './cli.context';

/** The gateway client for the configured office (the config file, or CAREPLAN_URL / CAREPLAN_API_KEY). */
export function gatewayClient(ctx: CliContext): GatewayClient {
  const config = readConfig(ctx.io, ctx.m);
  return createGatewayClient({ baseUrl: config.url, apiKey: config.apiKey });
}
