/**
 * Runs a command-line entry point (an app's cli.ts or migrate.ts, a tool): its answer goes to stdout, an error
 * prints one line `<name>: <message>` on stderr and exits 2 ("could not run").
 */
export function runCommand(name: string, main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    process.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  });
}
