import { homedir } from 'node:os';

/** What a command touches of its process: output streams, environment, home directory (tests pass their own). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  home: string;
  /** stderr is a terminal: progress bars are drawn only then. */
  interactive: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    home: homedir(),
    interactive: process.stderr.isTTY === true,
  };
}

/** Documented in docs/vendor/cli.md. */
export const EXIT_OK = 0;
/** The exchange refused the request, or the answer is negative: invalid files, a rejected bundle, a bad receipt. */
export const EXIT_REFUSED = 1;
/** The command could not run: usage, configuration, files, connection, a server error, a wait that timed out. */
export const EXIT_FAILED = 2;

/** An error a command reports in one line, with the exit code it means. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly code = 'CLI_ERROR',
  ) {
    super(message);
    this.name = 'CliError';
  }
}
