import { readFileSync } from 'node:fs';
import { type JsonBundle, sendBundle, sendJsonBundle, waitForSubmission } from '@careplan/client';
import { SingleBar, Presets } from 'cli-progress';
import { emit, type CliContext } from '../cli.context';
import { gatewayClient } from '../cli.gateway';
import { readBundleFiles } from '../cli.files';
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_REFUSED } from '../cli.io';
import { reportTable } from './report.table';

export interface SendCommandOptions {
  to: string;
  wait?: boolean;
  timeout: string;
  idempotencyKey?: string;
}

export async function sendCommand(
  ctx: CliContext,
  paths: string[],
  options: SendCommandOptions,
): Promise<number> {
  const client = gatewayClient(ctx);
  const json = paths.length === 1 && paths[0].toLowerCase().endsWith('.json');
  const submission = json
    ? await sendJsonBundle(client, { ...readJsonBundle(ctx, paths[0]), to: options.to }, options)
    : await sendFiles(ctx, client, paths, options);
  if (!options.wait) {
    emit(ctx, submission, () => `${ctx.m.submitted(submission.id, submission.status)}\n`);
    return EXIT_OK;
  }
  const done = await waitForSubmission(client, submission.id, {
    until: 'delivered',
    timeoutMs: Number(options.timeout) * 1000,
  });
  emit(ctx, done, () => {
    const report = done.report ? reportTable(ctx.m, done.report) : '';
    const rejected = done.status === 'rejected' ? `${ctx.m.rejected}\n` : '';
    return `${ctx.m.submitted(done.id, done.status)}\n${report}${rejected}`;
  });
  return done.status === 'rejected' ? EXIT_REFUSED : EXIT_OK;
}

async function sendFiles(
  ctx: CliContext,
  client: ReturnType<typeof gatewayClient>,
  paths: string[],
  options: SendCommandOptions,
) {
  const files = readBundleFiles(paths, ctx.m);
  const progress = progressBar(ctx);
  try {
    return await sendBundle(client, options.to, files, {
      idempotencyKey: options.idempotencyKey,
      onProgress: progress?.update,
    });
  } finally {
    progress?.stop();
  }
}

/** A JSON bundle file ({ documents, attachments }; `to` comes from --to); the gateway checks the rest. */
function readJsonBundle(ctx: CliContext, path: string): Omit<JsonBundle, 'to'> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Omit<JsonBundle, 'to'>;
  } catch (e: unknown) {
    throw new CliError(
      ctx.m.cannotRead(path, e instanceof Error ? e.message : String(e)),
      EXIT_FAILED,
      'CANNOT_READ',
    );
  }
}

/** A bar on stderr while the body uploads; none for scripts (--json) or when stderr is not a terminal. */
function progressBar(ctx: CliContext) {
  if (ctx.json || !ctx.io.interactive) return undefined;
  const bar = new SingleBar(
    { format: `${ctx.m.uploading} [{bar}] {percentage}% {value}/{total} bytes`, stream: process.stderr },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update: (sent: number, total: number) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(sent);
    },
    stop: () => started && bar.stop(),
  };
}
