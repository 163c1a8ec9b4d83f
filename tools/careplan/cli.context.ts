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
