// File-name rules (docs/standard/file-names.md#shape): prefix, optional YYYYMM, sender/receiver office numbers with service kinds,
// and the 14-digit ファイル連番. Legacy V3 names (no service-kind parts) are recognised too.
import {
  FILE_TYPES,
  LEGACY_FILE_NAME_PATTERNS,
  PREFIXES_LONGEST_FIRST,
  type FileTypeId,
  type FileTypeSpec,
} from './spec-data';

export interface ParsedFileName {
  fileType: FileTypeId;
  /** 対象年月/提供年月 for types that carry one ('000000' allowed for UPHOSOKU), else null. */
  yyyymm: string | null;
  senderOfficeNumber: string;
  /** null for legacy V3 names. */
  senderServiceKind: string | null;
  receiverOfficeNumber: string;
  receiverServiceKind: string | null;
  /** ファイル連番 (YYYYMMDDHHMMSS): shared by all files of one sending unit. */
  serial: string;
  /** true for V3 names without service-kind parts. */
  legacy: boolean;
  /** 4-digit branch of UPKIHON_IMAGE names, else null. */
  branchNo: string | null;
}

const OFFICE_NO = /^\d{2}[0-9A-HJ-NPR-Z]\d{7}$/;
const KIND = /^[0-9A-Z]{2}$/;

/** The file type whose prefix the name starts with (longest prefix first, case-insensitive), or null. */
export function fileTypeByPrefix(name: string): FileTypeSpec | null {
  const upper = name.toUpperCase();
  for (const spec of PREFIXES_LONGEST_FIRST) {
    if (upper.startsWith(spec.prefix)) return spec;
  }
  return null;
}

/** The name is meant as a standard CSV file (known prefix, .CSV/.csv), even if otherwise malformed. */
export function isStandardCsvName(name: string): boolean {
  const spec = fileTypeByPrefix(name);
  return spec !== null && spec.isCsv && /\.(CSV|csv)$/.test(name);
}

function parseWithSpec(name: string, spec: FileTypeSpec): ParsedFileName | null {
  const m = spec.fileNamePattern.exec(name);
  if (!m) return null;
  const g = (key: string): string | null => {
    const i = spec.fileNameGroups.indexOf(key);
    return i < 0 ? null : (m[i + 1] ?? null);
  };
  return {
    fileType: spec.id,
    yyyymm: g('yyyymm'),
    senderOfficeNumber: g('senderOfficeNo') ?? '',
    senderServiceKind: g('senderServiceKind'),
    receiverOfficeNumber: g('receiverOfficeNo') ?? '',
    receiverServiceKind: g('receiverServiceKind'),
    serial: g('fileSerialTimestamp') ?? '',
    legacy: false,
    branchNo: g('branchNo'),
  };
}

function parseLegacy(name: string): ParsedFileName | null {
  const withMonth = LEGACY_FILE_NAME_PATTERNS.withMonth.exec(name);
  if (withMonth) {
    return {
      fileType: withMonth[1] as FileTypeId,
      yyyymm: withMonth[2],
      senderOfficeNumber: withMonth[3],
      senderServiceKind: null,
      receiverOfficeNumber: withMonth[4],
      receiverServiceKind: null,
      serial: withMonth[5],
      legacy: true,
      branchNo: null,
    };
  }
  const noMonth = LEGACY_FILE_NAME_PATTERNS.withoutMonth.exec(name);
  if (noMonth) {
    return {
      fileType: noMonth[1] as FileTypeId,
      yyyymm: null,
      senderOfficeNumber: noMonth[2],
      senderServiceKind: null,
      receiverOfficeNumber: noMonth[3],
      receiverServiceKind: null,
      serial: noMonth[4],
      legacy: true,
      branchNo: null,
    };
  }
  return null;
}

/** Parses a standard file name (V4.1 form, or the legacy V3 form); null when it matches neither. */
export function parseFileName(name: string): ParsedFileName | null {
  const spec = fileTypeByPrefix(name);
  if (!spec || !name.startsWith(spec.prefix)) return null;
  return parseWithSpec(name, spec) ?? parseLegacy(name);
}

export interface NameDiagnosis {
  ja: string;
  en: string;
}

/** Explains why a name with a known prefix does not parse, part by part. */
export function diagnoseFileName(name: string, spec: FileTypeSpec): NameDiagnosis {
  if (!name.startsWith(spec.prefix)) {
    return { ja: `接頭辞は大文字の${spec.prefix}`, en: `the prefix must be upper-case ${spec.prefix}` };
  }
  const extOk = spec.isCsv ? /\.(CSV|csv)$/.test(name) : /\.(jpg|JPG)$/.test(name);
  if (!extOk) {
    return spec.isCsv
      ? { ja: '拡張子は.CSV', en: 'the extension must be .CSV' }
      : { ja: '拡張子は.jpg', en: 'the extension must be .jpg' };
  }
  const stem = name.slice(spec.prefix.length + 1, name.lastIndexOf('.'));
  const parts = name.charAt(spec.prefix.length) === '_' ? stem.split('_') : [];
  const expected = spec.fileNameGroups;
  if (parts.length !== expected.length) {
    return {
      ja: `接頭辞の後に「_」区切りで${expected.length}個の要素が必要（${parts.length}個）`,
      en: `${expected.length} parts separated by "_" must follow the prefix (found ${parts.length})`,
    };
  }
  for (let i = 0; i < expected.length; i++) {
    const p = parts[i];
    switch (expected[i]) {
      case 'yyyymm':
        if (!/^\d{6}$/.test(p))
          return { ja: `年月「${p}」は6桁の数字`, en: `the month "${p}" must be 6 digits` };
        break;
      case 'senderOfficeNo':
      case 'receiverOfficeNo': {
        const sender = expected[i] === 'senderOfficeNo';
        if (!OFFICE_NO.test(p)) {
          return {
            ja: `${sender ? '送信元' : '送信先'}事業所番号「${p}」は10桁（3桁目のみ英大文字可）`,
            en: `the ${sender ? 'sender' : 'receiver'} office number "${p}" must be 10 characters (only the 3rd may be a letter)`,
          };
        }
        break;
      }
      case 'senderServiceKind':
      case 'receiverServiceKind':
        if (!KIND.test(p)) {
          const v40 = /^\d{3}$/.test(p);
          return {
            ja: `サービス種類コード「${p}」は2桁${v40 ? '（V4.0の3桁サービスコードはV4.1で2桁のサービス種類コードに訂正）' : ''}`,
            en: `the service kind "${p}" must be 2 characters${v40 ? ' (the 3-digit code of V4.0 was corrected to a 2-character kind in V4.1)' : ''}`,
          };
        }
        break;
      case 'fileSerialTimestamp':
        if (!/^\d{14}$/.test(p)) {
          return {
            ja: `ファイル連番「${p}」は14桁（年月日時分秒）`,
            en: `the file serial "${p}" must be 14 digits (YYYYMMDDHHMMSS)`,
          };
        }
        break;
      case 'branchNo':
        if (!/^\d{4}$/.test(p))
          return { ja: `枝番「${p}」は4桁`, en: `the branch number "${p}" must be 4 digits` };
        break;
      default:
        break;
    }
  }
  return { ja: `例: ${spec.fileNameExample}`, en: `e.g. ${spec.fileNameExample}` };
}

/** Every known prefix (for messages and documentation). */
export const KNOWN_PREFIXES: readonly string[] = FILE_TYPES.map((f) => f.prefix);

export interface FileNameParts {
  fileType: FileTypeId;
  /** 対象年月/提供年月 (YYYYMM); required by the types whose names carry one, refused by the others. */
  yyyymm?: string | null;
  senderOfficeNumber: string;
  senderServiceKind: string;
  receiverOfficeNumber: string;
  receiverServiceKind: string;
  /** ファイル連番 (YYYYMMDDHHMMSS), e.g. serialAt(new Date()). */
  serial: string;
  /** 4-digit branch of UPKIHON_IMAGE names. */
  branchNo?: string | null;
}

/** The ファイル連番 of a moment: its Japan time (UTC+9, no daylight saving) as YYYYMMDDHHMMSS. */
export function serialAt(at: Date): string {
  return new Date(at.getTime() + 9 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
}

/**
 * The V4.1 standard name of a file (docs/standard/file-names.md#shape): what parseFileName reads back into the same
 * parts. Throws when a part does not fit the standard, so a built name is never one the validator refuses.
 */
export function standardFileName(parts: FileNameParts): string {
  const spec = FILE_TYPES.find((f) => f.id === parts.fileType);
  if (!spec) throw new Error(`unknown file type ${parts.fileType}`);
  const values: Record<string, string | null | undefined> = {
    yyyymm: parts.yyyymm,
    senderOfficeNo: parts.senderOfficeNumber,
    senderServiceKind: parts.senderServiceKind,
    receiverOfficeNo: parts.receiverOfficeNumber,
    receiverServiceKind: parts.receiverServiceKind,
    fileSerialTimestamp: parts.serial,
    branchNo: parts.branchNo,
  };
  if (parts.yyyymm !== undefined && parts.yyyymm !== null && !spec.hasMonth)
    throw new Error(`${spec.id} file names carry no month`);
  const stem = spec.fileNameGroups.map((group) => {
    const value = values[group];
    if (value === undefined || value === null) throw new Error(`${spec.id} file names need ${group}`);
    return value;
  });
  const name = `${spec.prefix}_${stem.join('_')}.${spec.isCsv ? 'CSV' : 'jpg'}`;
  if (!spec.fileNamePattern.test(name)) {
    const why = diagnoseFileName(name, spec);
    throw new Error(`not a standard ${spec.id} name (${why.en}): ${name}`);
  }
  return name;
}
