// Per-column checks compiled once per layout: required flag, quoting, length, type format, code values,
// real dates and check digits. Uncertain items (docs/standard/record-layouts.md#uncertain-items) only ever produce warnings.
import { insurerNumberCheckDigitValid, officeNumberCheckDigitValid } from './check-digit';
import { isRealDate, isRealMonth } from './dates';
import { ms932ByteLength } from './encoding';
import type { IssueCollector } from './issues/issue-collector';
import {
  TYPE_RULES,
  type ColumnSpec,
  type ColumnType,
  type FileTypeId,
  type FileTypeSpec,
} from './spec-data';

export type ColumnCheck = (value: string, quoted: boolean, row: number, out: IssueCollector) => void;

export interface CompiledColumn {
  readonly spec: ColumnSpec;
  readonly check: ColumnCheck;
}

export type LayoutVariant = 'v4' | 'v3';

export interface Layout {
  readonly fileType: FileTypeId;
  readonly variant: LayoutVariant;
  readonly columns: readonly ColumnSpec[];
  readonly compiled: readonly CompiledColumn[];
  /** Column index (0-based) by key, for rules. */
  readonly index: Readonly<Record<string, number>>;
}

const FORMAT_TEXT: Readonly<Record<ColumnType, { ja: string; en: string }>> = {
  yyyymm: { ja: 'YYYYMM', en: 'YYYYMM' },
  yyyymmdd: { ja: 'YYYYMMDD', en: 'YYYYMMDD' },
  hhmm: { ja: 'HHMM、時間なしは9999', en: 'HHMM, or 9999 for no time' },
  digits: { ja: '半角数字', en: 'digits' },
  insuredNo: { ja: '10桁の数字、または H＋9桁の数字', en: '10 digits, or H and 9 digits' },
  officeNo: {
    ja: '10桁（3桁目のみ英大文字可）',
    en: '10 characters, only the 3rd may be an upper-case letter',
  },
  serviceKind: { ja: '英数字2桁', en: '2 upper-case letters or digits' },
  serviceCode: { ja: '英数字6桁（種類2桁＋項目4桁）', en: '6 characters: kind (2) + item (4)' },
  integer: { ja: '半角の整数', en: 'an integer' },
  decimal: { ja: '99.99', en: '99.99' },
  flags31: { ja: '0または1を31桁', en: '31 characters of 0 or 1' },
  tais: { ja: '99999-999999', en: '99999-999999' },
  postal: { ja: '999-9999', en: '999-9999' },
  phone: { ja: '数字・ハイフン・括弧', en: 'digits, hyphens and parentheses' },
  code: { ja: 'コード', en: 'a code' },
  text: { ja: 'フリーテキスト', en: 'free text' },
  alnum: { ja: '半角英数字', en: 'letters and digits' },
};

const INSURER_NO = /^\d{6}$/;
const ALL_NINES_OFFICE = '9999999999';

function isAscii(v: string): boolean {
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Values the standard allows beside the type's format, per (file type, key). */
function zeroValueAllowed(fileType: FileTypeId, key: string): string | null {
  if (fileType !== 'UPHOSOKU') return null;
  if (key === 'planCreatedDate') return '00000000';
  if (key === 'targetYm') return '000000';
  return null;
}

/**
 * Items flagged uncertain for a reason other than their required mark or length (docs/standard/record-layouts.md#uncertain-items: the format column
 * of the source is misaligned, e.g. UPYOBO_SUB No.5/10/14): a value of another format only warns.
 */
function formatUncertain(col: ColumnSpec): boolean {
  return col.uncertain && col.required !== 'uncertain' && !col.lengthUncertain;
}

function formatCheck(fileType: FileTypeId, col: ColumnSpec): ColumnCheck | null {
  const invalid = formatUncertain(col) ? 'FORMAT_UNCERTAIN' : 'FORMAT_INVALID';
  const fmt = FORMAT_TEXT[col.type];
  const params = { format: fmt.ja, formatEn: fmt.en };
  const regex = TYPE_RULES[col.type].regex;
  const zero = zeroValueAllowed(fileType, col.key);
  switch (col.type) {
    case 'text':
      return null;
    case 'code': {
      const codes = col.codes ?? {};
      const allowed = Object.keys(codes).join(', ');
      return (v, _q, row, out) => {
        if (!Object.prototype.hasOwnProperty.call(codes, v))
          out.add('CODE_UNKNOWN', row, col, v, { allowed });
      };
    }
    case 'yyyymm':
      return (v, _q, row, out) => {
        if (v === zero) return;
        if (!/^\d{6}$/.test(v)) out.add(invalid, row, col, v, params);
        else if (!isRealMonth(v)) out.add('DATE_INVALID', row, col, v);
      };
    case 'yyyymmdd':
      return (v, _q, row, out) => {
        if (v === zero) return;
        if (!/^\d{8}$/.test(v)) out.add(invalid, row, col, v, params);
        else if (!isRealDate(v)) out.add('DATE_INVALID', row, col, v);
      };
    case 'hhmm':
      return (v, _q, row, out) => {
        if (!/^\d{4}$/.test(v)) return out.add(invalid, row, col, v, params);
        if (v === '9999') return;
        // Whether 2400 (end of day) is allowed is not stated: warn only.
        if (v === '2400') return out.add('TIME_2400', row, col, v);
        const h = Number(v.slice(0, 2));
        const m = Number(v.slice(2));
        if (h > 23 || m > 59) out.add('TIME_INVALID', row, col, v);
      };
    case 'integer':
      return (v, _q, row, out) => {
        if (!/^-?\d+$/.test(v)) out.add(invalid, row, col, v, params);
        // Negative values (共生型 reductions) are neither allowed nor forbidden by the text.
        else if (v.charCodeAt(0) === 45) out.add('NUMBER_NEGATIVE', row, col, v);
      };
    case 'officeNo':
      return (v, _q, row, out) => {
        if (regex && !regex.test(v)) {
          if (v !== ALL_NINES_OFFICE) out.add(invalid, row, col, v, params);
        } else if (v !== ALL_NINES_OFFICE && !officeNumberCheckDigitValid(v)) {
          out.add('CHECK_DIGIT', row, col, v);
        }
      };
    case 'digits':
      if (col.key === 'insurerNo') {
        const p = { format: '6桁の数字', formatEn: '6 digits' };
        return (v, _q, row, out) => {
          if (!INSURER_NO.test(v)) out.add(invalid, row, col, v, p);
          else if (!insurerNumberCheckDigitValid(v)) out.add('CHECK_DIGIT', row, col, v);
        };
      }
      return (v, _q, row, out) => {
        if (regex && !regex.test(v)) out.add(invalid, row, col, v, params);
      };
    case 'tais':
    case 'phone':
      // Character rules for these are not stated in the standard: warn only.
      return (v, _q, row, out) => {
        if (regex && !regex.test(v)) out.add('FORMAT_UNCERTAIN', row, col, v, params);
      };
    case 'alnum':
      return (v, _q, row, out) => {
        if (regex && !regex.test(v)) out.add(invalid, row, col, v, params);
        else if (col.key === 'identifier') out.add('UNUSED_NOT_EMPTY', row, col, v);
      };
    case 'insuredNo':
    case 'serviceKind':
    case 'serviceCode':
    case 'decimal':
    case 'flags31':
    case 'postal':
      return (v, _q, row, out) => {
        if (regex && !regex.test(v)) out.add(invalid, row, col, v, params);
      };
  }
}

export function compileColumn(fileType: FileTypeId, col: ColumnSpec): CompiledColumn {
  const isText = col.type === 'text';
  const max = col.maxLength;
  // A number item that may be free text (formatUncertain) may also be longer than the number's length.
  const lengthUncertain = col.lengthUncertain || formatUncertain(col);
  const format = formatCheck(fileType, col);
  const check: ColumnCheck = (v, quoted, row, out) => {
    if (v.length === 0) {
      if (col.required === true) out.add('REQUIRED_MISSING', row, col, null);
      else if (col.required === 'uncertain') out.add('REQUIRED_UNCERTAIN', row, col, null);
      return;
    }
    // Free text is quoted, everything else bare (docs/standard/csv-format.md#delimiter-and-quoting); either way the value is readable: warn.
    if (isText !== quoted) out.add(isText ? 'CSV_QUOTE_MISSING' : 'CSV_QUOTE_UNEXPECTED', row, col, v);
    if (max !== null) {
      const len = isAscii(v) ? v.length : ms932ByteLength(v);
      if (len > max) {
        out.add(lengthUncertain ? 'TOO_LONG_UNCERTAIN' : 'TOO_LONG', row, col, v, { actual: len, max });
        // A fixed-format value that is too long would fail its format too; report it once.
        if (!lengthUncertain) return;
      }
    }
    if (format) format(v, quoted, row, out);
  };
  return { spec: col, check };
}

// V3 (CSV 202208 and older) had no TAIS/届出/用具名称 items in 第6表/第7表, and 2-digit 回数／日数 (inferred, docs/standard/versions.md#v3-differences).
const V3_DROPPED_KEYS = new Set(['taisCode', 'equipmentNotifiedCode', 'equipmentName']);
const V3_LAYOUT_TYPES = new Set<FileTypeId>(['UPPLAN', 'UPJSK', 'UPSIKYU']);

function v3Columns(spec: FileTypeSpec): ColumnSpec[] {
  return spec.columns
    .filter((c) => !V3_DROPPED_KEYS.has(c.key))
    .map((c, i) => ({ ...c, no: i + 1, maxLength: c.key === 'countOrDays' ? 2 : c.maxLength }));
}

const cache = new Map<string, Layout>();

export function hasV3Variant(fileType: FileTypeId): boolean {
  return V3_LAYOUT_TYPES.has(fileType);
}

export function layoutFor(spec: FileTypeSpec, variant: LayoutVariant = 'v4'): Layout {
  const v = variant === 'v3' && hasV3Variant(spec.id) ? 'v3' : 'v4';
  const cacheKey = `${spec.id}:${v}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const columns = v === 'v3' ? v3Columns(spec) : [...spec.columns];
  const index: Record<string, number> = {};
  columns.forEach((c, i) => {
    // Keys repeat in UP3KYO? No: keys are unique per file type in files.json; keep the first anyway.
    if (index[c.key] === undefined) index[c.key] = i;
  });
  const layout: Layout = {
    fileType: spec.id,
    variant: v,
    columns,
    compiled: columns.map((c) => compileColumn(spec.id, c)),
    index,
  };
  cache.set(cacheKey, layout);
  return layout;
}
