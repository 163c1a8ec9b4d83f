import { todayInTokyo } from '../licenses/calendar';
import type { HourBucketDto } from './dto/overview.dto';
import type { HourRow } from './overview.repository';

const HOUR_MS = 3_600_000;
export const HOURS = 24;

/** Midnight of the Japan day `now` falls in (Japan keeps no summer time). */
export function japanDayStart(now: Date): { day: string; start: Date } {
  const day = todayInTokyo(now);
  return { day, start: new Date(`${day}T00:00:00+09:00`) };
}

/** The start of the first of the last 24 hours, the current one last (whole hours in UTC and in Japan). */
export function firstHourOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (HOURS - 1) * HOUR_MS);
}

/** All 24 hours from `first`, those without a row at zero. */
export function hourBuckets(first: Date, rows: HourRow[]): HourBucketDto[] {
  const byHour = new Map(rows.map((r) => [new Date(r.hour).getTime(), r]));
  return Array.from({ length: HOURS }, (_, i) => {
    const at = first.getTime() + i * HOUR_MS;
    const r = byHour.get(at);
    return {
      hour: new Date(at).toISOString(),
      submitted: r?.submitted ?? 0,
      delivered: r?.delivered ?? 0,
      failed: r?.failed ?? 0,
    };
  });
}
