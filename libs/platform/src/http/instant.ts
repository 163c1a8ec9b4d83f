import { ValidateBy } from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// A timestamp must say its zone: "10:00" alone would mean different instants on different servers.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
// Offices work in Japan time: a date alone means that day in JST.
const JST = '+09:00';

/** An instant named in a query: `dateOnly` when the value was a date alone (midnight JST of that day). */
export interface ParsedInstant {
  at: Date;
  dateOnly: boolean;
}

/**
 * The instant a query value names, or null when it names none: a date (`2026-11-01`) is 00:00 Japan time of
 * that day, a timestamp must carry its zone (`Z` or `±hh:mm`). Used by every filter on time (history
 * `from`/`to`, inbox and submissions `since`).
 */
export function parseInstant(value: string): ParsedInstant | null {
  const dateOnly = DATE_ONLY.test(value);
  if (!dateOnly && !TIMESTAMP.test(value)) return null;
  const at = new Date(dateOnly ? `${value}T00:00:00${JST}` : value);
  if (!isStorableInstant(at) || !isCalendarDate(value.slice(0, 10))) return null;
  return { at, dateOnly };
}

/**
 * True for a valid Date in the years 0001–9999 (UTC): what four-digit ISO 8601 writes and PostgreSQL's
 * timestamptz reads back. Year 0, negative and six-digit years make the database fail, not answer.
 */
export function isStorableInstant(at: Date): boolean {
  const year = at.getUTCFullYear();
  return !Number.isNaN(at.getTime()) && year >= 1 && year <= 9999;
}

/** Rejects dates that Date would roll over (2026-02-30 → 03-02). */
function isCalendarDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** class-validator: the value is a string parseInstant accepts (a JST date, or a timestamp with its zone). */
export const IsInstant = (): PropertyDecorator =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseInstant(value) !== null,
      defaultMessage: () =>
        '$property must be a date (2026-11-01, Japan time) or a timestamp with its zone (Z or ±hh:mm)',
    },
  });
