import type { Schemas } from '@careplan/client';
import type { ValidationReport } from '@careplan/spec';
import type { Messages } from '../cli.messages';
import { table } from '../cli.table';

/** The offline report (@careplan/spec) or the gateway's (ValidationReportPayload): one line per issue. */
export function reportTable(
  m: Messages,
  report: ValidationReport | Schemas['ValidationReportPayload'],
): string {
  const rows = report.files.flatMap((f: ValidationReport['files'][number] | Schemas['FileReportPayload']) =>
    f.issues.map((i) => [
      f.name,
      i.row,
      i.column,
      i.severity === 'warning' ? `${i.code} (warn)` : i.code,
      i.message.ja,
    ]),
  );
  if (rows.length === 0) return `${m.noIssues}\n`;
  const c = m.columns;
  return table([c.file, c.row, c.column, c.code, c.message], rows);
}
