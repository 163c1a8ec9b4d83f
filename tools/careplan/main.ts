// Entry of the careplan CLI (bin: packages/careplan-cli/bin/careplan.js runs this file from dist/).
import { runCli } from './cli.program';
import { processIo } from './cli.io';

runCli(process.argv.slice(2), processIo()).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`careplan: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
