// @careplan/spec: the care-plan data exchange standard (ケアプランデータ連携標準仕様 V4.1) as code. Pure, no I/O.
export type {
  BundleFile,
  FileReport,
  LocalizedMessage,
  Severity,
  ValidationContext,
  ValidationIssue,
  ValidationReport,
} from './types';
export { validateBundle, validateBundleWithInsuredNumbers, validateFile } from './validate';
export {
  insuredNumbersIn,
  INSURED_NUMBERS_READ_BYTES,
  INSURED_NUMBERS_READ_RECORDS,
  MAX_INSURED_NUMBER_LENGTH,
  MAX_INSURED_NUMBERS,
  type InsuredNumbers,
} from './insured-numbers';
export {
  isStandardCsvName,
  parseFileName,
  serialAt,
  standardFileName,
  type FileNameParts,
  type ParsedFileName,
} from './file-name';
export {
  decodeMs932,
  encodeMs932,
  encodeMs932Lenient,
  looksLikeUtf8,
  MS932_SUBSTITUTE,
  startsWithUtf8Bom,
  storableText,
  toMs932Safe,
} from './encoding';
export { insurerNumberCheckDigitValid, officeNumberCheckDigitValid } from './check-digit';
export {
  CSV_VERSION_HISTORY,
  CURRENT_CSV_VERSION,
  FILE_TYPES,
  fileTypeSpec,
  isKnownFileType,
  type ColumnSpec,
  type ColumnType,
  type FileTypeId,
  type FileTypeSpec,
  type RequiredFlag,
} from './spec-data';
export { ISSUE_CODES, type IssueCode, type IssueDefinition } from './issues/issue-codes';
export { MAX_ISSUES_PER_FILE } from './issues/issue-collector';
export {
  parseRecords,
  parseTypedRecords,
  recordLayout,
  recordsToCsv,
  toRecord,
  RecordsError,
  type CsvRecord,
  type ParsedRecords,
} from './records';
export type * from './record-types';
export { jsonSchemaFor, JSON_SCHEMA_BASE_ID, type JsonSchema, type JsonSchemaProperty } from './json-schema';
export { fileTypeByPrefix, diagnoseFileName, KNOWN_PREFIXES } from './file-name';
export { csvVersionStatus, fileTypeExistsInVersion, V40_CSV_VERSION, type VersionStatus } from './versions';
export { layoutFor, type Layout, type LayoutVariant } from './columns';
export { RECORD_DELIMITERS } from './csv/csv-reader';
