import { createHash } from 'node:crypto';
import { encodeMs932Lenient } from '@careplan/spec';
import type { BillingMethod } from '../licenses/license.rules';
import { neutralizeFormula } from '../history/history.csv';

export interface StatementTerm {
  officeNumber: string;
  officeName: string;
  termNo: number;
  startDate: string;
  endDate: string;
  feeYen: number;
  billingMethod: BillingMethod;
  campaignCode: string | null;
  freeUntil: string | null;
}

export interface CampaignName {
  code: string;
  nameJa: string;
  nameEn: string;
}

export interface StatementLine {
  officeNumber: string;
  officeName: string;
  termNo: number;
  termStart: string;
  termEnd: string;
  billingMethod: BillingMethod;
  amountYen: number;
  campaignCode: string | null;
  exemptionReason: { ja: string; en: string } | null;
}

export interface MethodTotal {
  count: number;
  amountYen: number;
}

export interface StatementContent {
  prefecture: string;
  month: string;
  lines: StatementLine[];
  totals: {
    lines: number;
    billed: number;
    exempted: number;
    amountYen: number;
    byMethod: Record<BillingMethod, MethodTotal>;
  };
}

function reason(t: StatementTerm, campaigns: Map<string, CampaignName>): StatementLine['exemptionReason'] {
  if (t.campaignCode === null) return null;
  const c = campaigns.get(t.campaignCode);
  const until = t.freeUntil ?? t.endDate;
  return {
    ja: `${c?.nameJa ?? t.campaignCode}により${until}まで無料`,
    en: `${c?.nameEn ?? t.campaignCode}: free until ${until}`,
  };
}

/** The month's statement of one federation: every term starting that month, in office-number order. */
export function buildStatement(
  prefecture: string,
  month: string,
  terms: StatementTerm[],
  campaigns: CampaignName[],
): StatementContent {
  const names = new Map(campaigns.map((c) => [c.code, c]));
  const lines = [...terms]
    .sort((a, b) => a.officeNumber.localeCompare(b.officeNumber) || a.termNo - b.termNo)
    .map((t): StatementLine => ({
      officeNumber: t.officeNumber,
      officeName: t.officeName,
      termNo: t.termNo,
      termStart: t.startDate,
      termEnd: t.endDate,
      billingMethod: t.billingMethod,
      amountYen: t.feeYen,
      campaignCode: t.campaignCode,
      exemptionReason: reason(t, names),
    }));
  const byMethod: Record<BillingMethod, MethodTotal> = {
    deduction: { count: 0, amountYen: 0 },
    invoice: { count: 0, amountYen: 0 },
  };
  for (const l of lines) {
    byMethod[l.billingMethod].count += 1;
    byMethod[l.billingMethod].amountYen += l.amountYen;
  }
  const exempted = lines.filter((l) => l.campaignCode !== null).length;
  return {
    prefecture,
    month,
    lines,
    totals: {
      lines: lines.length,
      billed: lines.length - exempted,
      exempted,
      amountYen: lines.reduce((sum, l) => sum + l.amountYen, 0),
      byMethod,
    },
  };
}

/** Hash of the canonical JSON (the builder fixes key and line order), to tell a changed re-run. */
export function contentHash(content: StatementContent): string {
  return createHash('sha256').update(JSON.stringify(content), 'utf8').digest('hex');
}

const METHOD_JA: Record<BillingMethod, string> = {
  deduction: '介護給付費から天引き',
  invoice: '請求書（国保連合会）',
};

const HEADER = [
  '事業所番号',
  '事業所名',
  '期',
  '期間開始',
  '期間終了',
  '請求方法',
  '金額（円）',
  'キャンペーン',
  '免除理由',
];

function csvField(value: string | number | null): string {
  // Office names are typed by people: one starting like a formula is not run by a spreadsheet.
  const s = value === null ? '' : typeof value === 'string' ? neutralizeFormula(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function statementCsv(content: StatementContent): string {
  const rows: (string | number | null)[][] = [HEADER];
  for (const l of content.lines) {
    rows.push([
      l.officeNumber,
      l.officeName,
      l.termNo,
      l.termStart,
      l.termEnd,
      METHOD_JA[l.billingMethod],
      l.amountYen,
      l.campaignCode,
      l.exemptionReason?.ja ?? null,
    ]);
  }
  rows.push(['合計', null, null, null, null, null, content.totals.amountYen, null, null]);
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export type CsvEncoding = 'utf8' | 'ms932';

/** UTF-8 with a BOM (Excel opens it right), or MS932 for older office software (〓 for what it cannot hold). */
export function encodeCsv(text: string, encoding: CsvEncoding): Buffer {
  return encoding === 'ms932'
    ? encodeMs932Lenient(text)
    : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
