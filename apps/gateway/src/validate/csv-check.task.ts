// The CPU-heavy part of the dry run (decoding, parsing and checking the CSV files), run in a worker thread.
// Imports only pure code: each worker loads this file, file-types and libs/spec.
import { validateBundle, type ValidationContext, type ValidationReport } from '@careplan/spec';
import { checkCsvContent } from '../files/file-types';

export interface CsvCheckInput {
  files: { name: string; bytes: Uint8Array }[];
  ctx: ValidationContext;
}

export interface CsvCheckOutput {
  /** The libs/spec report of the files that are text. */
  report: ValidationReport;
  /** .csv files that are no standard file and no text: the intake refuses them (CSV_CONTENT_NOT_TEXT). */
  notText: string[];
}

export function checkCsvFiles({ files, ctx }: CsvCheckInput): CsvCheckOutput {
  const notText = files.filter(
    (f) => !checkCsvContent(f.name, Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength)).ok,
  );
  const report = validateBundle(
    files.filter((f) => !notText.includes(f)),
    ctx,
  );
  return { report, notText: notText.map((f) => f.name) };
}
