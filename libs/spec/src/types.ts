// Public shapes of the validation API. These are a contract shared with the gateway and validator services.

export interface BundleFile {
  name: string;
  bytes: Uint8Array;
}

export interface ValidationContext {
  /** Office number of the authenticated sender; file names must carry it as 送信元. */
  senderOfficeNumber?: string;
  /** Office number the bundle is addressed to; file names must carry it as 送信先. */
  receiverOfficeNumber?: string;
}

export type Severity = 'error' | 'warning';

export interface LocalizedMessage {
  ja: string;
  en: string;
}

export interface ValidationIssue {
  code: string;
  severity: Severity;
  /** 1-based record position in the file; null for file-level and cross-file problems. */
  row: number | null;
  /** 1-based column number (項番); null when the problem is not about one column. */
  column: number | null;
  /** Japanese column name (項目名) when column is set. */
  columnName: string | null;
  /** The offending value, shortened. */
  value: string | null;
  message: LocalizedMessage;
}

export interface FileReport {
  name: string;
  fileType: string | null;
  csvVersion: string | null;
  rows: number;
  /** All errors found, including those beyond the per-file cap of kept issues. */
  errorCount: number;
  warningCount: number;
  issues: ValidationIssue[];
}

export interface ValidationReport {
  ok: boolean;
  files: FileReport[];
}
