import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError, EXIT_FAILED, type CliIo } from './cli.io';
import type { Messages } from './cli.messages';

export interface CliConfig {
  url: string;
  apiKey: string;
}

/** ~/.config/careplan/config.json (or under XDG_CONFIG_HOME): it holds a key, so only its owner may read it. */
export function configPath(io: CliIo): string {
  return join(io.env.XDG_CONFIG_HOME || join(io.home, '.config'), 'careplan', 'config.json');
}

export function writeConfig(io: CliIo, config: CliConfig): string {
  const path = configPath(io);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // an existing file keeps its mode on write
  return path;
}

/** CAREPLAN_URL and CAREPLAN_API_KEY win over the file, each on its own. */
export function readConfig(io: CliIo, m: Messages): CliConfig {
  const file = fileConfig(io);
  const url = io.env.CAREPLAN_URL || file.url;
  const apiKey = io.env.CAREPLAN_API_KEY || file.apiKey;
  if (!url || !apiKey) throw new CliError(m.noConfig, EXIT_FAILED, 'NOT_LOGGED_IN');
  return { url, apiKey };
}

function fileConfig(io: CliIo): Partial<CliConfig> {
  try {
    const parsed = JSON.parse(readFileSync(configPath(io), 'utf8')) as Partial<CliConfig>;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}
