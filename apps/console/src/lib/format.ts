// How the console writes instants, dates, money and counts: the federation works in Japan time and yen, whichever
// language the page is in. Pure (Intl only): the unit specs run them under Node.

export type Lang = 'ja' | 'en';

const TOKYO = 'Asia/Tokyo';
const locale = (lang: Lang) => (lang === 'ja' ? 'ja-JP' : 'en-GB');

const instantFormats = new Map<Lang, Intl.DateTimeFormat>();
const dateFormats = new Map<Lang, Intl.DateTimeFormat>();
const hourFormats = new Map<Lang, Intl.DateTimeFormat>();
const monthFormats = new Map<Lang, Intl.DateTimeFormat>();
const counts = new Map<Lang, Intl.NumberFormat>();
const yen = new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' });

function cached<T>(map: Map<Lang, T>, lang: Lang, make: () => T): T {
  let f = map.get(lang);
  if (!f) map.set(lang, (f = make()));
  return f;
}

/** An ISO instant in Japan time, to the second ("2026/06/01 09:05:03"); '—' for none, the input when unreadable. */
export function formatInstant(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return cached(
    instantFormats,
    lang,
    () =>
      new Intl.DateTimeFormat(locale(lang), {
        timeZone: TOKYO,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
  ).format(d);
}

/** The hour of an instant in Japan time ("09:00"), for the axis of the last day's chart. */
export function formatHour(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return cached(
    hourFormats,
    lang,
    () =>
      new Intl.DateTimeFormat(locale(lang), {
        timeZone: TOKYO,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  ).format(d);
}

/**
 * A calendar date as the API writes it ("2026-06-01", no time zone: a day in Japan) — formatted as that day,
 * never shifted by a time zone.
 */
export function formatDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return cached(
    dateFormats,
    lang,
    () =>
      new Intl.DateTimeFormat(locale(lang), {
        timeZone: 'UTC',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
  ).format(d);
}

/** A billing month ("2026-06") as words ("2026年6月", "June 2026"). */
export function formatMonth(month: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return cached(
    monthFormats,
    lang,
    () => new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', year: 'numeric', month: 'long' }),
  ).format(d);
}

/** Yen with separators, tax included as the API gives it ("￥21,000"). */
export function formatYen(amount: number): string {
  return yen.format(amount);
}

/** A count with separators ("12,345"). */
export function formatCount(n: number, lang: Lang): string {
  return cached(counts, lang, () => new Intl.NumberFormat(locale(lang))).format(n);
}

/** Today's month in Japan ("2026-06"), what the billing page opens on. */
export function tokyoMonth(now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TOKYO,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}`;
}

/** Today's date in Japan ("2026-06-01"), what date fields of new records start from. */
export function tokyoDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TOKYO }).format(now);
}

/** The fiscal year (April to March) a Japan-time instant falls in. */
export function tokyoFiscalYear(now: Date): number {
  const [year, month] = tokyoMonth(now).split('-').map(Number);
  return month >= 4 ? year : year - 1;
}
