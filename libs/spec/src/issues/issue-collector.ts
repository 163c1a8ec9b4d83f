// Collects the issues of one file: keeps the first MAX_ISSUES_PER_FILE, counts all of them.
import { storableText } from '../encoding';
import type { ColumnSpec } from '../spec-data';
import type { FileReport, ValidationIssue } from '../types';
import { ISSUE_CODES, type IssueCode } from './issue-codes';

/** Issues kept per file; errorCount/warningCount still count every problem. */
export const MAX_ISSUES_PER_FILE = 200;
/** Offending values are cut to this many characters in reports. */
export const MAX_VALUE_LENGTH = 40;

export type IssueParams = Readonly<Record<string, string | number>>;

/** Cut to MAX_VALUE_LENGTH and made storable: values come from CSV fields and end up in PostgreSQL. */
export function shortenValue(v: string): string {
  return storableText(v.length > MAX_VALUE_LENGTH ? `${v.slice(0, MAX_VALUE_LENGTH)}…` : v);
}

function fill(template: string, params: IssueParams): string {
  return template.replace(/\{(\w+)\}/g, (m: string, name: string) => {
    const v = params[name];
    return v === undefined ? m : storableText(String(v));
  });
}

export function renderIssue(
  code: IssueCode,
  row: number | null,
  column: ColumnSpec | null,
  value: string | null,
  params: IssueParams = {},
): ValidationIssue {
  const def = ISSUE_CODES[code];
  const shown = value === null ? null : shortenValue(value);
  const common = { value: shown ?? '', ...params };
  const ja = fill(def.ja, { ...common, col: column ? `「${column.nameJa}」（項番${column.no}）` : '' });
  const en = fill(def.en, { ...common, col: column ? `column ${column.no} (${column.key})` : '' });
  return {
    code,
    severity: def.severity,
    row,
    column: column ? column.no : null,
    columnName: column ? column.nameJa : null,
    value: shown,
    message: { ja, en },
  };
}

export class IssueCollector {
  readonly issues: ValidationIssue[] = [];
  errorCount = 0;
  warningCount = 0;

  constructor(private readonly cap: number = MAX_ISSUES_PER_FILE) {}

  add(
    code: IssueCode,
    row: number | null,
    column: ColumnSpec | null,
    value: string | null,
    params?: IssueParams,
  ): void {
    const severity = ISSUE_CODES[code].severity;
    if (severity === 'error') this.errorCount++;
    else this.warningCount++;
    // Rendering costs string work; skip it once the cap is reached, the counts are all we keep.
    if (this.issues.length < this.cap) this.issues.push(renderIssue(code, row, column, value, params));
  }

  /** A point to roll back to when a pass over the records has to start again. */
  mark(): { issues: number; errors: number; warnings: number } {
    return { issues: this.issues.length, errors: this.errorCount, warnings: this.warningCount };
  }

  rollback(m: { issues: number; errors: number; warnings: number }): void {
    this.issues.length = m.issues;
    this.errorCount = m.errors;
    this.warningCount = m.warnings;
  }

  hasErrors(): boolean {
    return this.errorCount > 0;
  }

  toReport(name: string, fileType: string | null, csvVersion: string | null, rows: number): FileReport {
    return {
      name,
      fileType,
      csvVersion,
      rows,
      errorCount: this.errorCount,
      warningCount: this.warningCount,
      issues: [...this.issues],
    };
  }
}
