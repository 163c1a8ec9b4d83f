// Calendar checks for YYYYMMDD, YYYYMM and HHMM values (20260230 is not a date).

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days of the month (1–12) in the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS[month - 1] ?? 0);
}

/** YYYYMM with month 01–12 and a year from 0001 (as for dates; 000000 is a special value, not a month). */
export function isRealMonth(v: string): boolean {
  if (v.length !== 6) return false;
  const m = (v.charCodeAt(4) - 48) * 10 + (v.charCodeAt(5) - 48);
  return /^\d{6}$/.test(v) && m >= 1 && m <= 12 && !v.startsWith('0000');
}

export function isRealDate(v: string): boolean {
  if (v.length !== 8 || !/^\d{8}$/.test(v)) return false;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(4, 6));
  const d = Number(v.slice(6, 8));
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** YYYYMMDDHHMMSS as used for the ファイル連番. */
export function isRealTimestamp(v: string): boolean {
  if (!/^\d{14}$/.test(v) || !isRealDate(v.slice(0, 8))) return false;
  const h = Number(v.slice(8, 10));
  const mi = Number(v.slice(10, 12));
  const s = Number(v.slice(12, 14));
  return h <= 23 && mi <= 59 && s <= 59;
}
