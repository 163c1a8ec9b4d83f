// Typed view of data/files.json, the source of truth for file types and columns.
// The JSON is kept exactly as published; everything here only narrows and indexes it.
import filesJson from './data/files.json';

export type FileTypeId =
  | 'UPHOSOKU'
  | 'UP1KYO'
  | 'DLT1KYO'
  | 'UP2KYO'
  | 'UP3KYO'
  | 'UPPLAN'
  | 'UPJSK'
  | 'DLTPLAN'
  | 'DLTJSK'
  | 'UPSIKYU'
  | 'UPKIHON'
  | 'DLTKIHON'
  | 'UPKIHON_SUB1'
  | 'UPKIHON_SUB2'
  | 'UPYOBO'
  | 'DLTYOBO'
  | 'UPYOBO_SUB'
  | 'UPKIHON_IMAGE';

export type ColumnType =
  | 'yyyymm'
  | 'yyyymmdd'
  | 'hhmm'
  | 'digits'
  | 'insuredNo'
  | 'officeNo'
  | 'serviceKind'
  | 'serviceCode'
  | 'integer'
  | 'decimal'
  | 'flags31'
  | 'tais'
  | 'postal'
  | 'phone'
  | 'code'
  | 'text'
  | 'alnum';

/** true = 必須; false = optional; 'uncertain' = a required mark that cannot be attributed with certainty (warning only). */
export type RequiredFlag = boolean | 'uncertain';

export interface ColumnSpec {
  /** 1-based column number (項番). */
  readonly no: number;
  readonly nameJa: string;
  /** English key (libs/spec/src/data/files.json); used as the JSON property name. */
  readonly key: string;
  readonly type: ColumnType;
  /** Maximum length in half-width characters (= MS932 bytes); null = free text without a limit (―). */
  readonly maxLength: number | null;
  readonly required: RequiredFlag;
  readonly codes: Readonly<Record<string, string>> | null;
  readonly note: string | null;
  readonly uncertain: boolean;
  readonly lengthUncertain: boolean;
}

export interface FileTypeSpec {
  readonly id: FileTypeId;
  readonly nameJa: string;
  readonly prefix: string;
  readonly fileNamePattern: RegExp;
  readonly fileNameGroups: readonly string[];
  readonly fileNameExample: string;
  /** true when the name carries a YYYYMM part (対象年月/提供年月). */
  readonly hasMonth: boolean;
  /** false only for the UPKIHON family image (JPEG). */
  readonly isCsv: boolean;
  readonly mandatoryFile: boolean;
  readonly columns: readonly ColumnSpec[];
  readonly columnCount: number;
  readonly note: string | null;
}

export interface TypeRule {
  readonly regex: RegExp | null;
  readonly uncertain: boolean;
  readonly note: string | null;
}

export interface CsvVersionEntry {
  readonly value: string;
  readonly appliesFromServiceMonth: string;
  readonly edition: string;
}

const COLUMN_TYPES: readonly ColumnType[] = [
  'yyyymm',
  'yyyymmdd',
  'hhmm',
  'digits',
  'insuredNo',
  'officeNo',
  'serviceKind',
  'serviceCode',
  'integer',
  'decimal',
  'flags31',
  'tais',
  'postal',
  'phone',
  'code',
  'text',
  'alnum',
];

const FILE_TYPE_IDS: readonly FileTypeId[] = [
  'UPHOSOKU',
  'UP1KYO',
  'DLT1KYO',
  'UP2KYO',
  'UP3KYO',
  'UPPLAN',
  'UPJSK',
  'DLTPLAN',
  'DLTJSK',
  'UPSIKYU',
  'UPKIHON',
  'DLTKIHON',
  'UPKIHON_SUB1',
  'UPKIHON_SUB2',
  'UPYOBO',
  'DLTYOBO',
  'UPYOBO_SUB',
  'UPKIHON_IMAGE',
];

function isColumnType(v: string): v is ColumnType {
  return (COLUMN_TYPES as readonly string[]).includes(v);
}

function isFileTypeId(v: string): v is FileTypeId {
  return (FILE_TYPE_IDS as readonly string[]).includes(v);
}

// Loose shape of one column in the JSON; optional members differ between entries.
interface RawColumn {
  no: number;
  name_ja: string;
  key: string;
  type: string;
  maxLength: number | null;
  required: boolean | string;
  codes?: Record<string, string>;
  note?: string;
  uncertain?: boolean;
  lengthUncertain?: boolean;
}

interface RawFile {
  id: string;
  name_ja: string;
  prefix: string;
  fileNamePattern: string;
  fileNameGroups: string[];
  fileNameExample: string;
  mandatoryFile: boolean;
  columns: RawColumn[];
  note?: string;
  format?: string;
}

function toColumn(fileId: string, c: RawColumn): ColumnSpec {
  if (!isColumnType(c.type))
    throw new Error(`files.json: ${fileId} column ${c.no} has unknown type ${c.type}`);
  const required: RequiredFlag = c.required === 'uncertain' ? 'uncertain' : c.required === true;
  return Object.freeze({
    no: c.no,
    nameJa: c.name_ja,
    key: c.key,
    type: c.type,
    maxLength: c.maxLength,
    required,
    codes: c.codes ? Object.freeze({ ...c.codes }) : null,
    note: c.note ?? null,
    uncertain: c.uncertain === true,
    lengthUncertain: c.lengthUncertain === true,
  });
}

function toFileType(f: RawFile): FileTypeSpec {
  if (!isFileTypeId(f.id)) throw new Error(`files.json: unknown file type ${f.id}`);
  const columns = f.columns.map((c) => toColumn(f.id, c));
  columns.forEach((c, i) => {
    if (c.no !== i + 1) throw new Error(`files.json: ${f.id} column order broken at ${c.no}`);
  });
  return Object.freeze({
    id: f.id,
    nameJa: f.name_ja,
    prefix: f.prefix,
    fileNamePattern: new RegExp(f.fileNamePattern),
    fileNameGroups: Object.freeze([...f.fileNameGroups]),
    fileNameExample: f.fileNameExample,
    hasMonth: f.fileNameGroups.includes('yyyymm'),
    isCsv: f.id !== 'UPKIHON_IMAGE',
    mandatoryFile: f.mandatoryFile,
    columns: Object.freeze(columns),
    columnCount: columns.length,
    note: f.note ?? null,
  });
}

const raw = filesJson as unknown as {
  csvVersionValue: string;
  csvVersionHistory: CsvVersionEntry[];
  types: Record<string, { regex?: string; uncertain?: boolean; note?: string }>;
  legacyV3FileNames: { patternWithMonth: string; patternWithoutMonth: string };
  files: RawFile[];
};

/** Every file type of the standard, in the order of files.json. */
export const FILE_TYPES: readonly FileTypeSpec[] = Object.freeze(raw.files.map(toFileType));

const BY_ID = new Map<FileTypeId, FileTypeSpec>(FILE_TYPES.map((f) => [f.id, f]));

export function fileTypeSpec(id: FileTypeId): FileTypeSpec {
  const spec = BY_ID.get(id);
  if (!spec) throw new Error(`unknown file type ${id}`);
  return spec;
}

export function isKnownFileType(id: string): id is FileTypeId {
  return BY_ID.has(id as FileTypeId);
}

/** Prefixes longest first, so UPYOBO_SUB wins over UPYOBO and UPKIHON_SUB1 over UPKIHON. */
export const PREFIXES_LONGEST_FIRST: readonly FileTypeSpec[] = Object.freeze(
  [...FILE_TYPES].sort((a, b) => b.prefix.length - a.prefix.length),
);

export const TYPE_RULES: Readonly<Record<ColumnType, TypeRule>> = Object.freeze(
  Object.fromEntries(
    COLUMN_TYPES.map((t) => {
      const r = raw.types[t];
      return [
        t,
        Object.freeze({
          regex: r?.regex ? new RegExp(r.regex) : null,
          uncertain: r?.uncertain === true,
          note: r?.note ?? null,
        }),
      ];
    }),
  ) as Record<ColumnType, TypeRule>,
);

/** The CSVバージョン value of V4.1. */
export const CURRENT_CSV_VERSION: string = raw.csvVersionValue;
export const CSV_VERSION_HISTORY: readonly CsvVersionEntry[] = Object.freeze(
  raw.csvVersionHistory.map((e) => Object.freeze({ ...e })),
);

export const LEGACY_FILE_NAME_PATTERNS = Object.freeze({
  withMonth: new RegExp(raw.legacyV3FileNames.patternWithMonth),
  withoutMonth: new RegExp(raw.legacyV3FileNames.patternWithoutMonth),
});
