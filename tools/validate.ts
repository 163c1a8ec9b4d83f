// Offline check of standard files: `node dist/tools/validate.js [--sender=NO] [--receiver=NO] FILE…`.
// Files are checked together as one bundle (cross-file rules included); the file type comes from each name.
// Prints the ValidationReport as JSON on stdout. Exit 0 = no errors, 1 = errors, 2 = could not run.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { validateBundle, type BundleFile, type ValidationContext } from '@careplan/spec';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Uint8Array;
}

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

const USAGE = 'usage: validate [--sender=OFFICE_NO] [--receiver=OFFICE_NO] FILE...';

export function runValidate(argv: readonly string[], io: CliIo): number {
  const ctx: ValidationContext = {};
  const paths: string[] = [];
  for (const arg of argv) {
    const opt = /^--(sender|receiver)=(.+)$/.exec(arg);
    if (opt) {
      if (opt[1] === 'sender') ctx.senderOfficeNumber = opt[2];
      else ctx.receiverOfficeNumber = opt[2];
    } else if (arg === '--help' || arg === '-h') {
      io.stderr(`${USAGE}\n`);
      return EXIT_USAGE;
    } else if (arg.startsWith('--')) {
      io.stderr(`validate: unknown option ${arg}\n${USAGE}\n`);
      return EXIT_USAGE;
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) {
    io.stderr(`validate: no files given\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const files: BundleFile[] = [];
  for (const path of paths) {
    try {
      files.push({ name: basename(path), bytes: io.readFile(path) });
    } catch (e: unknown) {
      io.stderr(`validate: cannot read ${path}: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_USAGE;
    }
  }
  const report = validateBundle(files, ctx);
  io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  return report.ok ? EXIT_OK : EXIT_INVALID;
}

const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => new Uint8Array(readFileSync(path)),
};

if (require.main === module) {
  try {
    process.exitCode = runValidate(process.argv.slice(2), nodeIo);
  } catch (e: unknown) {
    process.stderr.write(`validate: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = EXIT_USAGE;
  }
}
