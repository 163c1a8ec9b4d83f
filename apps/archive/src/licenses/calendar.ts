// Calendar days as 'YYYY-MM-DD' strings: license terms are DATEs in the Asia/Tokyo calendar, never instants.

const TOKYO = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Years 2000–2099: what a license, a campaign or a statement can be about (and what Date.UTC and
// PostgreSQL read alike; year 0000 is no PostgreSQL date, years below 100 are 19xx for Date.UTC).
export const ISO_DATE = /^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const ISO_MONTH = /^20\d{2}-(0[1-9]|1[0-2])$/;

/** Today in Japan: a term that ends "today" is still valid until midnight in Tokyo. */
export function todayInTokyo(now: Date = new Date()): string {
  return TOKYO.format(now);
}

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** True for a real calendar day (2025-02-30 is not one). */
export function isCalendarDate(date: string): boolean {
  if (!ISO_DATE.test(date)) return false;
  const [y, m, d] = parts(date);
  return d <= daysInMonth(y, m);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Same day n months later, clamped to the month's end (01-31 + 1 month → 02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return format(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/** The last day of a period of `months` starting on `start` (inclusive end). */
export function periodEnd(start: string, months: number): string {
  return addDays(addMonths(start, months), -1);
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Months of a Japanese fiscal year: April of `fiscalYear` to March of the next year. */
export function fiscalYearMonths(fiscalYear: number): string[] {
  return Array.from({ length: 12 }, (_, i) => addMonths(format(fiscalYear, 4, 1), i).slice(0, 7));
}
