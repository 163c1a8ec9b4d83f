import type { LicenseState } from '@careplan/contracts';
import { addDays, periodEnd } from './calendar';

/** One term's fee, tax included (21,000 yen a year; 1,750 a month is shown for reference only). */
export const TERM_FEE_YEN = 21_000;
export const MONTHLY_REFERENCE_YEN = 1_750;
export const TERM_MONTHS = 12;

export const BILLING_METHODS = ['deduction', 'invoice'] as const;
/** deduction: 介護給付費からの天引き (default); invoice: 国保連合会からの請求書・振込. */
export type BillingMethod = (typeof BILLING_METHODS)[number];

export const LICENSE_STATUSES = ['active', 'suspended', 'ended'] as const;
/** What operators decided; the published state also depends on the calendar (not started, expired). */
export type LicenseStatus = (typeof LICENSE_STATUSES)[number];

/** A campaign as data: who it applies to and which days it makes free. */
export interface CampaignRule {
  code: string;
  nameJa: string;
  nameEn: string;
  /** Terms whose application date lies in [appliesFrom, appliesTo] qualify. */
  appliesFrom: string;
  appliesTo: string;
  /** Free for N months from the application date … */
  freeMonths: number | null;
  /** … or free over a fixed period. */
  freeFrom: string | null;
  freeTo: string | null;
  priority: number;
}

export interface Exemption {
  code: string;
  freeFrom: string;
  freeUntil: string;
}

export interface TermDates {
  applicationDate: string;
  startDate: string;
}

export interface TermPlan extends TermDates {
  endDate: string;
  feeYen: number;
  campaignCode: string | null;
  freeUntil: string | null;
}

export function freeWindow(c: CampaignRule, applicationDate: string): { from: string; to: string } | null {
  if (c.freeMonths !== null) return { from: applicationDate, to: periodEnd(applicationDate, c.freeMonths) };
  if (c.freeFrom !== null && c.freeTo !== null) return { from: c.freeFrom, to: c.freeTo };
  return null;
}

/**
 * The campaign that makes a term free: the term's application date must be in the campaign's range and
 * its start date inside the free window. Highest priority wins; the code breaks ties (deterministic).
 */
export function matchCampaign(campaigns: CampaignRule[], term: TermDates): Exemption | null {
  const ranked = [...campaigns].sort((a, b) => b.priority - a.priority || a.code.localeCompare(b.code));
  for (const c of ranked) {
    if (term.applicationDate < c.appliesFrom || term.applicationDate > c.appliesTo) continue;
    const window = freeWindow(c, term.applicationDate);
    if (window && term.startDate >= window.from && term.startDate <= window.to) {
      return { code: c.code, freeFrom: window.from, freeUntil: window.to };
    }
  }
  return null;
}

/** A one-year term from its start date, with its fee decided by the campaigns. */
export function planTerm(campaigns: CampaignRule[], term: TermDates): TermPlan {
  const exemption = matchCampaign(campaigns, term);
  return {
    ...term,
    endDate: periodEnd(term.startDate, TERM_MONTHS),
    feeYen: exemption ? 0 : TERM_FEE_YEN,
    campaignCode: exemption?.code ?? null,
    freeUntil: exemption?.freeUntil ?? null,
  };
}

/**
 * Renewal terms needed so that the license covers `today`: each starts the day after the previous one
 * ends, and a renewal's application date is its own start date (it is applied for by renewing).
 */
export function renewalsUntil(campaigns: CampaignRule[], lastEnd: string, today: string): TermPlan[] {
  const terms: TermPlan[] = [];
  let end = lastEnd;
  while (end < today) {
    const start = addDays(end, 1);
    const term = planTerm(campaigns, { applicationDate: start, startDate: start });
    terms.push(term);
    end = term.endDate;
  }
  return terms;
}

export interface LicenseFacts {
  status: LicenseStatus;
  firstStart: string;
  lastEnd: string;
}

/** The state the gateway must know: only an active license within a started, unexpired term can send. */
export function effectiveState(l: LicenseFacts, today: string): LicenseState {
  if (l.status !== 'active') return l.status;
  if (today < l.firstStart) return 'none';
  return today <= l.lastEnd ? 'active' : 'ended';
}
