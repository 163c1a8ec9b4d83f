// The careplan command line: commander parses, each command's module is loaded only when it runs (so `validate`
// never loads the HTTP client), and every outcome maps to one of the documented exit codes (cli.io.ts).
import { Command, CommanderError, Option } from 'commander';
import { readConfig } from './cli.config';
import type { CliContext } from './cli.context';
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_REFUSED, type CliIo } from './cli.io';
import { localeOf, messagesFor, type Messages } from './cli.messages';

type Action = (ctx: CliContext, ...args: never[]) => Promise<number> | number;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const locale = localeOf(io.env);
  const m = messagesFor(locale);
  const json = argv.includes('--json');
  const ctx: CliContext = { io, locale, m, json };
  let exitCode = EXIT_OK;
  const program = buildProgram(ctx, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e: unknown) {
    return reportError(ctx, e);
  }
}

export function buildProgram(ctx: CliContext, done: (code: number) => void): Command {
  const { m, io } = ctx;
  const program = new Command('careplan')
    .description(m.description)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError()
    .helpOption('-h, --help', m.help)
    .helpCommand('help [command]', m.help);
  // Each action runs the command module named, with the context first and commander's arguments after it.
  const run =
    (load: () => Promise<Record<string, unknown>>, name: string) =>
    async (...args: unknown[]) => {
      const mod = await load();
      const action = mod[name] as Action;
      // commander passes (...arguments, options, command): the command itself is of no use to an action.
      done(await action(ctx, ...(args.slice(0, -1) as never[])));
    };
  const cmd = (name: string, description: string) =>
    program.command(name).description(description).option('--json', m.json).exitOverride();

  cmd('login', m.login)
    .requiredOption('--url <url>', m.loginUrl)
    .requiredOption('--key <key>', m.loginKey)
    .action(run(() => import('./commands/login.command'), 'loginCommand'));
  cmd('send', m.send)
    .argument('<files...>')
    .requiredOption('--to <office>', m.sendTo)
    .option('--wait', m.sendWait)
    .option('--timeout <seconds>', m.sendTimeout, '120')
    .option('--idempotency-key <key>', m.sendIdempotency)
    .action(run(() => import('./commands/send.command'), 'sendCommand'));
  cmd('validate', m.validate)
    .argument('<files...>')
    .option('--sender <office>', m.validateSender)
    .option('--receiver <office>', m.validateReceiver)
    .action(run(() => import('./commands/validate.command'), 'validateCommand'));
  cmd('inbox', m.inbox)
    .addOption(new Option('--status <status>', m.inboxStatus).choices(['new', 'downloaded', 'acknowledged']))
    .option('--from <office>', m.inboxFrom)
    .action(run(() => import('./commands/inbox.command'), 'inboxCommand'));
  cmd('pull', m.pull)
    .requiredOption('--out <dir>', m.pullOut)
    .option('--ack', m.pullAck)
    .option('--from <office>', m.inboxFrom)
    .action(run(() => import('./commands/pull.command'), 'pullCommand'));
  cmd('watch', m.watch)
    .requiredOption('--out <dir>', m.pullOut)
    .option('--interval <seconds>', m.watchInterval, '30')
    .option('--ack', m.pullAck)
    .addOption(new Option('--rounds <n>').hideHelp())
    .action(run(() => import('./commands/watch.command'), 'watchCommand'));
  cmd('history', m.history)
    .option('--from <date>', m.historyFrom)
    .option('--to <date>', m.historyTo)
    .option('--counterpart <office>', m.historyCounterpart)
    .option('--csv <file>', m.historyCsv)
    .action(run(() => import('./commands/history.command'), 'historyCommand'));
  cmd('receipt', m.receipt)
    .argument('<id>')
    .option('--pdf <file>', m.receiptPdf)
    .option('--verify', m.receiptVerify)
    .action(run(() => import('./commands/receipt.command'), 'receiptCommand'));
  cmd('audit', m.audit).action(run(() => import('./commands/audit.command'), 'auditCommand'));
  const keys = program.command('keys').description(m.keys).exitOverride();
  const keyCmd = (name: string, description: string) =>
    keys.command(name).description(description).option('--json', m.json).exitOverride();
  keyCmd('list', m.keysList).action(run(() => import('./commands/keys.command'), 'keysListCommand'));
  keyCmd('create', m.keysCreate)
    .option('--label <label>', m.keysLabel, 'careplan CLI')
    .addOption(new Option('--role <role>', m.keysRole).choices(['admin', 'member']).default('member'))
    .action(run(() => import('./commands/keys.command'), 'keysCreateCommand'));
  keyCmd('revoke', m.keysRevoke)
    .argument('<id>')
    .action(run(() => import('./commands/keys.command'), 'keysRevokeCommand'));
  return program;
}

/** One line on stderr (and, with --json, an error document on stdout); the exit code says which kind. */
function reportError(ctx: CliContext, e: unknown): number {
  if (e instanceof CommanderError) {
    // Help and version are answers, not failures; every other parse error is a usage error.
    return ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(e.code)
      ? EXIT_OK
      : EXIT_FAILED;
  }
  const { message, code, exitCode, status } = describe(ctx.m, gatewayUrl(ctx), e);
  ctx.io.stderr(`careplan: ${message}\n`);
  if (ctx.json) ctx.io.stdout(`${JSON.stringify({ error: { code, message, status } }, null, 2)}\n`);
  return exitCode;
}

function gatewayUrl(ctx: CliContext): string {
  try {
    return readConfig(ctx.io, ctx.m).url;
  } catch {
    return 'the gateway';
  }
}

interface Described {
  message: string;
  code: string;
  exitCode: number;
  status?: number;
}

// By name, not instanceof: importing the client's classes here would load it for offline commands too.
function describe(m: Messages, url: string, e: unknown): Described {
  if (e instanceof CliError) return { message: e.message, code: e.code, exitCode: e.exitCode };
  const err = isErrorLike(e) ? e : new Error(String(e));
  const fields = err as Error & { status?: number; code?: unknown; cause?: unknown };
  if (err.name === 'GatewayError' && typeof fields.status === 'number') {
    const code = typeof fields.code === 'string' ? fields.code : `HTTP_${fields.status}`;
    const refused = fields.status < 500;
    const message = refused ? m.refused(err.message) : m.serverError(err.message);
    return { message, code, exitCode: refused ? EXIT_REFUSED : EXIT_FAILED, status: fields.status };
  }
  if (err.name === 'WaitTimeoutError')
    return { message: m.timeout(err.message), code: 'TIMEOUT', exitCode: EXIT_FAILED };
  // undici's network failure (by name: a TypeError of another realm under test runners fails instanceof).
  if (err.name === 'TypeError' && err.message === 'fetch failed') {
    const cause = isErrorLike(fields.cause) ? fields.cause.message : String(fields.cause);
    return { message: m.connection(url, cause), code: 'CONNECTION', exitCode: EXIT_FAILED };
  }
  return { message: err.message, code: 'CLI_ERROR', exitCode: EXIT_FAILED };
}

/** Errors by shape: one from another realm (a test runner's VM context) fails instanceof Error. */
function isErrorLike(e: unknown): e is Error {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as Error).message === 'string' &&
    typeof (e as Error).name === 'string'
  );
}

export { EXIT_FAILED, EXIT_OK, EXIT_REFUSED };
