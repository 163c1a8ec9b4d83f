import { IsUrl } from 'class-validator';
import { CommonEnv, loadEnv } from '@careplan/platform';

/** Command-line tools read the same variables as the services, plus where the gateway answers. */
export class ToolsEnv extends CommonEnv {
  override PORT = 3000;
  override INTERNAL_PORT = 3100;
  @IsUrl({ require_tld: false }) GATEWAY_URL = 'http://127.0.0.1:3000';
}

export function toolsEnv(): ToolsEnv {
  return loadEnv(ToolsEnv);
}

/** Runs a tool's main; an error prints one line on stderr and exits 2 ("could not run"). */
export function runTool(name: string, main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    process.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  });
}
