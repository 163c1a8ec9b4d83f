import { createGatewayClient, dataOf } from '@careplan/client';
import { writeConfig } from '../cli.config';
import { emit, type CliContext } from '../cli.context';
import { EXIT_OK } from '../cli.io';

/** Checks the key against the gateway first (GET /v1/me answers any valid key, member or admin), then saves both. */
export async function loginCommand(ctx: CliContext, options: { url: string; key: string }): Promise<number> {
  const client = createGatewayClient({ baseUrl: options.url, apiKey: options.key });
  dataOf(await client.GET('/v1/me'));
  const path = writeConfig(ctx.io, { url: options.url, apiKey: options.key });
  emit(ctx, { config: path, url: options.url }, () => `${ctx.m.loginSaved(path)}\n`);
  return EXIT_OK;
}
