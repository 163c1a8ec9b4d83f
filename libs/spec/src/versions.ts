// CSVバージョン values (column 1 of every record) and what each one implies.
import { CSV_VERSION_HISTORY, CURRENT_CSV_VERSION, type FileTypeId } from './spec-data';

export type VersionStatus = 'current' | 'superseded' | 'legacy' | 'unknown';

/** The V4.0 value, replaced by 202407 in V4.1 but still carried by files of V4.0 software. */
export const V40_CSV_VERSION = '202504';

// Types introduced by V4.0; they cannot appear in files of older versions.
const V4_ONLY_TYPES = new Set<FileTypeId>([
  'UP3KYO',
  'UPKIHON',
  'DLTKIHON',
  'UPKIHON_SUB1',
  'UPKIHON_SUB2',
  'UPYOBO',
  'DLTYOBO',
  'UPYOBO_SUB',
  'UPKIHON_IMAGE',
]);

export function csvVersionStatus(value: string): VersionStatus {
  if (value === CURRENT_CSV_VERSION) return 'current';
  if (value === V40_CSV_VERSION) return 'superseded';
  if (CSV_VERSION_HISTORY.some((e) => e.value === value)) return 'legacy';
  return 'unknown';
}

export function isV4Version(value: string): boolean {
  const s = csvVersionStatus(value);
  return s === 'current' || s === 'superseded';
}

export function fileTypeExistsInVersion(fileType: FileTypeId, value: string): boolean {
  return csvVersionStatus(value) !== 'legacy' || !V4_ONLY_TYPES.has(fileType);
}

/** First service month (YYYYMM) from which a version value applies, or null when unknown. */
export function appliesFromServiceMonth(value: string): string | null {
  let best: string | null = null;
  for (const e of CSV_VERSION_HISTORY) {
    if (e.value === value && (best === null || e.appliesFromServiceMonth < best))
      best = e.appliesFromServiceMonth;
  }
  return best;
}
