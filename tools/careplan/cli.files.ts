import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CliError, EXIT_FAILED } from './cli.io';
import type { Messages } from './cli.messages';

/** Reads the named files as bundle files: the name sent is the file's own name (Japanese names included). */
export function readBundleFiles(
  paths: readonly string[],
  m: Messages,
): { name: string; bytes: Uint8Array }[] {
  return paths.map((path) => {
    try {
      return { name: basename(path), bytes: new Uint8Array(readFileSync(path)) };
    } catch (e: unknown) {
      throw new CliError(
        m.cannotRead(path, e instanceof Error ? e.message : String(e)),
        EXIT_FAILED,
        'CANNOT_READ',
      );
    }
  });
}
