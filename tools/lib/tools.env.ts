import { IsString, IsUrl } from 'class-validator';
import { CommonEnv, loadEnv, runCommand } from '@careplan/platform';
import { OfficeSeeder } from './seed-office';

/** Command-line tools read the same variables as the services, plus where the gateway and the ops API answer. */
export class ToolsEnv extends CommonEnv {
  override PORT = 3000;
  override INTERNAL_PORT = 3100;
  @IsUrl({ require_tld: false }) GATEWAY_URL = 'http://127.0.0.1:3000';
  /** The archive's public listener, where the operations API (/ops/v1) answers: the seed registers offices there. */
  @IsUrl({ require_tld: false }) OPS_URL = 'http://127.0.0.1:3003';
  /** A central administrator's token for the seed; empty: the seed makes one with `npm run ops -- create-admin`. */
  @IsString() OPS_TOKEN = '';
  /** The benchmark's processes whose CPU it reports, as name=pid,... (scripts/bench.sh sets it). */
  @IsString() BENCH_PIDS = '';
  /** Where tools/pg-count-proxy.ts answers with the round trips it counted; empty: not counted. */
  @IsString() BENCH_PG_COUNTER_URL = '';
  /** The database of the benchmark's ceiling (tools/lib/bench-ceiling.ts); empty: no ceiling is run. */
  @IsString() BENCH_CEILING_DATABASE_URL = '';
}

export function toolsEnv(): ToolsEnv {
  return loadEnv(ToolsEnv);
}

/** Seeds offices through the running services named by the environment. */
export function seederFromEnv(env: ToolsEnv): OfficeSeeder {
  return new OfficeSeeder({
    opsUrl: env.OPS_URL,
    gatewayUrl: env.GATEWAY_URL,
    databaseUrl: env.DATABASE_URL,
    token: env.OPS_TOKEN || undefined,
  });
}

/** Runs a tool's main; an error prints one line on stderr and exits 2 ("could not run"). */
export const runTool = runCommand;
