// Offline: only @careplan/spec and the file system, so one file is checked in a few tens of milliseconds.
import { validateBundle, type ValidationReport } from '@careplan/spec';
import { emit, type CliContext } from '../cli.context';
import { readBundleFiles } from '../cli.files';
import { EXIT_OK, EXIT_REFUSED } from '../cli.io';
import { reportTable } from './report.table';

export interface ValidateOptions {
  sender?: string;
  receiver?: string;
}

export function validateCommand(ctx: CliContext, paths: string[], options: ValidateOptions): number {
  const files = readBundleFiles(paths, ctx.m);
  const report: ValidationReport = validateBundle(files, {
    senderOfficeNumber: options.sender,
    receiverOfficeNumber: options.receiver,
  });
  emit(ctx, report, () => reportText(ctx, report));
  return report.ok ? EXIT_OK : EXIT_REFUSED;
}

export function reportText(ctx: CliContext, report: ValidationReport): string {
  const errors = report.files.reduce((n, f) => n + f.errorCount, 0);
  const summary = report.ok ? ctx.m.validOk(report.files.length) : ctx.m.validNg(errors);
  return `${reportTable(ctx.m, report)}${summary}\n`;
}
