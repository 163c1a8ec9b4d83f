// validateFile / validateBundle: one pass over each file (name, encoding, CSV, columns, row rules),
// then the cross-file rules of a sending unit.
import { officeNumberCheckDigitValid } from './check-digit';
import { hasV3Variant, layoutFor, type Layout } from './columns';
import { readCsv } from './csv/csv-reader';
import { isRealMonth, isRealTimestamp } from './dates';
import {
  classifyText,
  decodeMs932,
  hasSuspectChars,
  isAsciiOnly,
  looksLikeUtf16,
  looksLikeUtf8,
  startsWithUtf8Bom,
} from './encoding';
import {
  diagnoseFileName,
  fileTypeByPrefix,
  isStandardCsvName,
  parseFileName,
  type ParsedFileName,
} from './file-name';
import { InsuredNumberSet, type InsuredNumbers } from './insured-numbers';
import { IssueCollector } from './issues/issue-collector';
import { checkBundle } from './rules/bundle-rules';
import { createFileRules } from './rules/file-rules';
import { newFacts, type FileFacts, type FileRules } from './rules/rule-types';
import { CURRENT_CSV_VERSION, type FileTypeSpec } from './spec-data';
import type { BundleFile, FileReport, ValidationContext, ValidationReport } from './types';
import { appliesFromServiceMonth, csvVersionStatus, fileTypeExistsInVersion, isV4Version } from './versions';

/** Internal result of one file: the collector stays open so bundle rules can add to it. */
export interface FileAnalysis {
  readonly file: BundleFile;
  readonly out: IssueCollector;
  readonly spec: FileTypeSpec | null;
  readonly facts: FileFacts | null;
  csvVersion: string | null;
  rows: number;
}

const ATTACHMENT_EXT = /\.(pdf|jpe?g|gif|png|txt)$/i;

function checkName(
  file: BundleFile,
  spec: FileTypeSpec,
  out: IssueCollector,
  ctx: ValidationContext,
): ParsedFileName | null {
  const parsed = parseFileName(file.name);
  if (!parsed) {
    const d = diagnoseFileName(file.name, spec);
    out.add('FILE_NAME_INVALID', null, null, file.name, { detail: d.ja, detailEn: d.en });
    return null;
  }
  const month = parsed.yyyymm;
  if (month !== null && !isRealMonth(month) && !(month === '000000' && parsed.fileType === 'UPHOSOKU')) {
    out.add('FILE_NAME_MONTH_INVALID', null, null, month);
  }
  if (!isRealTimestamp(parsed.serial)) out.add('FILE_NAME_TIMESTAMP_INVALID', null, null, parsed.serial);
  if (!officeNumberCheckDigitValid(parsed.senderOfficeNumber)) {
    out.add('FILE_NAME_CHECK_DIGIT', null, null, parsed.senderOfficeNumber, {
      role: '送信元',
      roleEn: 'sender',
    });
  }
  if (!officeNumberCheckDigitValid(parsed.receiverOfficeNumber)) {
    out.add('FILE_NAME_CHECK_DIGIT', null, null, parsed.receiverOfficeNumber, {
      role: '送信先',
      roleEn: 'receiver',
    });
  }
  if (ctx.senderOfficeNumber !== undefined && ctx.senderOfficeNumber !== parsed.senderOfficeNumber) {
    out.add('FILE_NAME_SENDER_MISMATCH', null, null, parsed.senderOfficeNumber, {
      expected: ctx.senderOfficeNumber,
    });
  }
  if (ctx.receiverOfficeNumber !== undefined && ctx.receiverOfficeNumber !== parsed.receiverOfficeNumber) {
    out.add('FILE_NAME_RECEIVER_MISMATCH', null, null, parsed.receiverOfficeNumber, {
      expected: ctx.receiverOfficeNumber,
    });
  }
  return parsed;
}

// A first record whose first item is text rather than a YYYYMM value is a header (none is defined).
function looksLikeHeader(fields: readonly string[]): boolean {
  const first = fields[0] ?? '';
  return !isAsciiOnly(first) || /^[A-Za-z_ ]+$/.test(first);
}

/** Version checks that run once, on the first record. Returns the layout to use for the file. */
function checkVersion(
  version: string,
  fieldCount: number,
  spec: FileTypeSpec,
  parsed: ParsedFileName | null,
  out: IssueCollector,
): Layout {
  const v4 = layoutFor(spec, 'v4');
  const col = v4.columns[0];
  const status = csvVersionStatus(version);
  switch (status) {
    case 'current':
      break;
    case 'superseded':
      out.add('CSV_VERSION_SUPERSEDED', 1, col, version, { current: CURRENT_CSV_VERSION });
      break;
    case 'legacy':
      out.add('CSV_VERSION_LEGACY', 1, col, version);
      break;
    case 'unknown':
      // Column format problems (e.g. not six digits) are reported by the column check instead.
      if (/^\d{6}$/.test(version))
        out.add('CSV_VERSION_UNKNOWN', 1, col, version, { current: CURRENT_CSV_VERSION });
      break;
  }
  if (!fileTypeExistsInVersion(spec.id, version)) {
    out.add('FILE_TYPE_NOT_IN_VERSION', null, null, version, { fileType: spec.id });
  }
  if (parsed?.legacy) {
    if (isV4Version(version)) out.add('FILE_NAME_VERSION_MISMATCH', null, null, null, { version });
    else out.add('FILE_NAME_LEGACY', null, null, null);
  }
  const month = parsed?.yyyymm;
  const from = appliesFromServiceMonth(version);
  if (month && isRealMonth(month) && from !== null && month < from) {
    out.add('CSV_VERSION_MONTH', null, null, version, { appliesFrom: from, month });
  }
  // Older files of 第6表/第7表 lack the V4 equipment items; accept the inferred V3 layout when it fits.
  if (status === 'legacy' && hasV3Variant(spec.id)) {
    const v3 = layoutFor(spec, 'v3');
    if (fieldCount === v3.columns.length) return v3;
  }
  return v4;
}

function analyzeCsv(
  file: BundleFile,
  spec: FileTypeSpec,
  parsed: ParsedFileName | null,
  out: IssueCollector,
  numbers: InsuredNumberSet | null,
): FileAnalysis {
  const facts = newFacts(spec.id, file.name, parsed);
  const analysis: FileAnalysis = { file, out, spec, facts, csvVersion: null, rows: 0 };
  // UTF-16 breaks every delimiter into two bytes: say it once instead of reading garbage records.
  if (looksLikeUtf16(file.bytes)) {
    out.add('ENCODING_UTF16', null, null, null);
    return analysis;
  }
  // A BOM is reported once; the records after it are read as usual (not as a header, nor as UTF-8).
  const bom = startsWithUtf8Bom(file.bytes);
  if (bom) out.add('ENCODING_BOM', null, null, null);
  const bytes = bom ? file.bytes.subarray(3) : file.bytes;
  const text = decodeMs932(bytes);
  const suspect = hasSuspectChars(text);
  // A UTF-8 file would flood every Japanese field with errors: say it once instead.
  const utf8 = suspect && looksLikeUtf8(bytes);
  if (utf8) out.add('ENCODING_UTF8', null, null, null);
  const checkChars = suspect && !utf8;

  let layout: Layout = layoutFor(spec, 'v4');
  let rules: FileRules | null = null;
  let fileVersion: string | null = null;
  let dataRows = 0;
  let syntaxErrors = 0;
  const mark = out.mark();
  // The CSV reader may start over in its tolerant mode: forget what the first pass gathered.
  const restart = (): void => {
    out.rollback(mark);
    layout = layoutFor(spec, 'v4');
    rules = null;
    fileVersion = null;
    dataRows = 0;
    syntaxErrors = 0;
    facts.keys.clear();
    facts.sums.clear();
    facts.imageNames.clear();
  };

  const result = readCsv(
    text,
    {
      record(fields, quoted, row, items) {
        if (fields.length === 1 && fields[0] === '' && !quoted[0]) {
          out.add('CSV_EMPTY_LINE', row, null, null);
          return;
        }
        if (row === 1 && looksLikeHeader(fields)) {
          out.add('CSV_HEADER_ROW', row, null, fields[0] ?? null);
          return;
        }
        const version = fields[0] ?? '';
        if (dataRows === 0) {
          fileVersion = version === '' ? null : version;
          analysis.csvVersion = /^\d{6}$/.test(version) ? version : null;
          facts.csvVersion = analysis.csvVersion;
          if (fileVersion !== null) layout = checkVersion(version, items, spec, parsed, out);
          rules = createFileRules({ spec, layout, parsedName: parsed, out, facts });
        } else if (fileVersion !== null && version !== '' && version !== fileVersion) {
          out.add('CSV_VERSION_MIXED', row, layout.columns[0], version, { expected: fileVersion });
        }
        // After the first record has chosen the layout (V3 or V4), so columns are named right.
        if (checkChars) {
          for (let i = 0; i < fields.length; i++) {
            const problem = classifyText(fields[i]);
            if (problem === null) continue;
            const col = layout.columns[i] ?? null;
            const code =
              problem === 'invalid'
                ? 'ENCODING_NOT_MS932'
                : problem === 'gaiji'
                  ? 'ENCODING_GAIJI'
                  : 'ENCODING_CONTROL_CHAR';
            out.add(code, row, col, fields[i]);
          }
        }
        dataRows++;
        const compiled = layout.compiled;
        if (items !== compiled.length) {
          out.add('COLUMN_COUNT', row, null, null, {
            actual: items,
            expected: compiled.length,
            fileType: spec.id,
          });
          return;
        }
        for (let i = 0; i < compiled.length; i++) compiled[i].check(fields[i], quoted[i] === true, row, out);
        rules?.onRecord(fields, row);
        // Taken while the file is read anyway, so the archive need not parse it again (a restart re-adds the same).
        numbers?.addFrom(layout, fields);
      },
      syntaxError(row, code, message) {
        syntaxErrors++;
        // csv-parse messages are English; keep its error code for both languages.
        out.add('CSV_SYNTAX', row, null, null, { detail: code, detailEn: message.split('\n')[0] ?? code });
      },
    },
    restart,
  );

  analysis.rows = result.rows;
  facts.rows = result.rows;
  // Empty lines and a header are no records: a file of only those carries no data (broken records aside).
  if (dataRows === 0 && syntaxErrors === 0) out.add('FILE_EMPTY', null, null, null);
  if (result.lineEnding === 'lf' || result.lineEnding === 'cr') out.add('CSV_LINE_ENDING', null, null, null);
  if (parsed?.legacy && fileVersion === null) out.add('FILE_NAME_LEGACY', null, null, null);
  (rules as FileRules | null)?.finish();
  return analysis;
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function analyzeFile(
  file: BundleFile,
  ctx: ValidationContext = {},
  numbers: InsuredNumberSet | null = null,
): FileAnalysis {
  const out = new IssueCollector();
  const spec = fileTypeByPrefix(file.name);
  if (!spec) {
    out.add('FILE_NAME_UNKNOWN_TYPE', null, null, file.name);
    return { file, out, spec: null, facts: null, csvVersion: null, rows: 0 };
  }
  const parsed = checkName(file, spec, out, ctx);
  if (!spec.isCsv) {
    if (!isJpeg(file.bytes)) out.add('IMAGE_NOT_JPEG', null, null, null);
    return { file, out, spec, facts: newFacts(spec.id, file.name, parsed), csvVersion: null, rows: 0 };
  }
  return analyzeCsv(file, spec, parsed, out, numbers);
}

function toReport(a: FileAnalysis): FileReport {
  return a.out.toReport(a.file.name, a.spec ? a.spec.id : null, a.csvVersion, a.rows);
}

/** Checks one file on its own: name, encoding, CSV structure, every column, rules within the file. */
export function validateFile(file: BundleFile, ctx: ValidationContext = {}): FileReport {
  return toReport(analyzeFile(file, ctx));
}

/** Checks every file, then the rules across the files of each sending unit; ok = no error anywhere. */
export function validateBundle(files: BundleFile[], ctx: ValidationContext = {}): ValidationReport {
  return validateBundleWithInsuredNumbers(files, ctx).report;
}

/** validateBundle, and the 被保険者番号 of the records whose item count is right (the history's search keys). */
export function validateBundleWithInsuredNumbers(
  files: BundleFile[],
  ctx: ValidationContext = {},
): { report: ValidationReport; insuredNumbers: InsuredNumbers } {
  const numbers = new InsuredNumberSet();
  const analyses: FileAnalysis[] = files.map((file) => {
    // Attachments (PDF, images, text) travel with the CSV files; only their type is looked at.
    // A standard prefix with any other extension is a standard file with a broken name (FILE_NAME_INVALID).
    const attachment = ATTACHMENT_EXT.test(file.name);
    const spec = fileTypeByPrefix(file.name);
    const known =
      isStandardCsvName(file.name) || (spec !== null && file.name.charAt(spec.prefix.length) === '_');
    if (attachment ? !isStandardCsvName(file.name) && spec?.id !== 'UPKIHON_IMAGE' : !known) {
      const out = new IssueCollector();
      if (!attachment) out.add('FILE_NAME_NOT_STANDARD', null, null, file.name);
      return { file, out, spec: null, facts: null, csvVersion: null, rows: 0 };
    }
    return analyzeFile(file, ctx, numbers);
  });
  checkBundle(analyses);
  const reports = analyses.map(toReport);
  return {
    report: { ok: reports.every((r) => r.errorCount === 0), files: reports },
    insuredNumbers: numbers.result(),
  };
}
