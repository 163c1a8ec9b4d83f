import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { HistoryFilterQuery, OFFICE_NUMBER_PATTERN, Problems } from '@careplan/contracts';
import { ParsedInstant, parseInstant, problem } from '@careplan/platform';
import { isKnownFileType } from '@careplan/spec';
import { HISTORY_EVENTS, HistoryEvent } from './history-record.entity';

/** Checked filters: `before` is exclusive. */
export interface HistoryFilter {
  from?: Date;
  before?: Date;
  counterpart?: string;
  fileType?: string;
  events?: HistoryEvent[];
  insuredNo?: string;
}

const INSURED_NO = /^[0-9A-Za-z]{1,10}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export const filterInvalid = (parameter: string, value: string) =>
  problem(Problems.HISTORY_FILTER_INVALID, { parameter, value }, { parameter, value });

/** The instant a `from`/`to` value names; a date alone is midnight JST of that day (parseInstant). */
function instant(parameter: string, value: string): ParsedInstant {
  const parsed = parseInstant(value);
  if (!parsed) throw filterInvalid(parameter, value);
  return parsed;
}

/**
 * Checks the filters. `from` and `to` are inclusive: a date alone covers that whole day in JST,
 * a timestamp (with Z or an offset) that instant. `event` takes one or several comma-separated events.
 */
export function parseHistoryFilter(p: HistoryFilterQuery): HistoryFilter {
  const f: HistoryFilter = {};
  if (p.from !== undefined) f.from = instant('from', p.from).at;
  if (p.to !== undefined) {
    const to = instant('to', p.to);
    f.before = new Date(to.at.getTime() + (to.dateOnly ? DAY_MS : 1));
  }
  if (f.from && f.before && f.from >= f.before) throw filterInvalid('to', p.to ?? '');
  if (p.counterpart !== undefined) {
    if (!OFFICE_NUMBER_PATTERN.test(p.counterpart)) throw filterInvalid('counterpart', p.counterpart);
    f.counterpart = p.counterpart;
  }
  if (p.fileType !== undefined) {
    const type = p.fileType.toUpperCase();
    if (!isKnownFileType(type)) throw filterInvalid('fileType', p.fileType);
    f.fileType = type;
  }
  if (p.event !== undefined) f.events = parseEvents(p.event);
  if (p.insuredNo !== undefined) {
    if (!INSURED_NO.test(p.insuredNo)) throw filterInvalid('insuredNo', p.insuredNo);
    f.insuredNo = p.insuredNo;
  }
  return f;
}

function parseEvents(raw: string): HistoryEvent[] {
  const events = raw.split(',').map((e) => e.trim());
  for (const e of events) {
    if (!(HISTORY_EVENTS as readonly string[]).includes(e)) throw filterInvalid('event', raw);
  }
  return [...new Set(events as HistoryEvent[])];
}

/** Narrows a query over the history (alias with the entity's property names) by the filters. */
export function applyHistoryFilter<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  f: HistoryFilter,
): void {
  const a = qb.alias;
  if (f.from) qb.andWhere(`${a}.occurredAt >= :filterFrom`, { filterFrom: f.from });
  if (f.before) qb.andWhere(`${a}.occurredAt < :filterBefore`, { filterBefore: f.before });
  if (f.counterpart)
    qb.andWhere(`${a}.counterpartOfficeNumber = :counterpart`, { counterpart: f.counterpart });
  // Containment (@>) so the GIN indexes on the array columns serve these filters.
  if (f.fileType) qb.andWhere(`${a}.fileTypes @> ARRAY[:fileType]::text[]`, { fileType: f.fileType });
  if (f.insuredNo)
    qb.andWhere(`${a}.insuredNumbers @> ARRAY[:insuredNo]::text[]`, { insuredNo: f.insuredNo });
  if (f.events) qb.andWhere(`${a}.event IN (:...events)`, { events: f.events });
}
