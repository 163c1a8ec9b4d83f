// Rules across the files of a bundle (docs/standard/bundles.md): sending units, files that travel as a set, records that
// must join between files, deletes against uploads, totals that must agree. Issues go to the file concerned.
import type { IssueCollector } from '../issues/issue-collector';
import type { FileTypeId } from '../spec-data';
import type { FileAnalysis } from '../validate';
import { isV4Version } from '../versions';
import type { FileFacts } from './rule-types';

interface UnitFile {
  readonly analysis: FileAnalysis;
  readonly facts: FileFacts;
  readonly out: IssueCollector;
}

/** Files of one sending unit: same ファイル連番, sender and receiver (docs/standard/bundles.md#sending-units). */
function unitKey(f: FileFacts): string | null {
  const p = f.parsedName;
  if (!p) return null;
  return [
    p.serial,
    p.senderOfficeNumber,
    p.senderServiceKind ?? '',
    p.receiverOfficeNumber,
    p.receiverServiceKind ?? '',
  ].join('|');
}

class Unit {
  readonly files: UnitFile[] = [];

  ofType(type: FileTypeId, pred: (f: FileFacts) => boolean = () => true): UnitFile[] {
    return this.files.filter((f) => f.facts.fileType === type && pred(f.facts));
  }

  first(type: FileTypeId, pred?: (f: FileFacts) => boolean): UnitFile | null {
    return this.ofType(type, pred)[0] ?? null;
  }
}

const isCareplanHosoku = (f: FileFacts): boolean => f.parsedName?.yyyymm === '000000';
const isPlanHosoku = (f: FileFacts): boolean => !isCareplanHosoku(f);
const monthOf = (f: FileFacts): string => f.parsedName?.yyyymm ?? '';

/**
 * 第6表/第7表/補足 go together per service month; one unit may carry two months ("next month's plan and this
 * month's change go in two files", docs/standard/bundles.md#service-months), so each file is matched with the files of its own month.
 */
function sameMonth(f: FileFacts, pred: (g: FileFacts) => boolean = () => true): (g: FileFacts) => boolean {
  const m = monthOf(f);
  return (g) => monthOf(g) === m && pred(g);
}

/** The service months of the 第6表/第7表/補足 files of a unit. */
function planMonths(unit: Unit): Set<string> {
  const months = new Set<string>();
  for (const f of unit.files) {
    const t = f.facts.fileType;
    if (t === 'UPPLAN' || t === 'UPSIKYU' || (t === 'UPHOSOKU' && isPlanHosoku(f.facts)))
      months.add(monthOf(f.facts));
  }
  return months;
}

const inMonth =
  (m: string) =>
  (f: FileFacts): boolean =>
    monthOf(f) === m;

function keysOf(f: UnitFile | null, kind: string): Set<string> {
  return f?.facts.keys.get(kind) ?? new Set<string>();
}

/** Reports, on `from`, each key of `from` that `to` lacks. */
function requireKeys(from: UnitFile | null, to: UnitFile | null, kind: string, weak = false): void {
  if (!from || !to) return;
  const target = keysOf(to, kind);
  for (const k of keysOf(from, kind)) {
    if (!target.has(k))
      from.out.add(weak ? 'SET_RECORD_UNMATCHED_WEAK' : 'SET_RECORD_UNMATCHED', null, null, k, {
        detail: to.facts.fileType,
      });
  }
}

function requireFiles(
  unit: Unit,
  file: UnitFile,
  needed: readonly [FileTypeId, ((f: FileFacts) => boolean)?][],
  weak = false,
): void {
  const missing = needed.filter(([type, pred]) => unit.first(type, pred) === null).map(([type]) => type);
  if (missing.length > 0) {
    file.out.add(weak ? 'SET_INCOMPLETE_WEAK' : 'SET_INCOMPLETE', null, null, null, {
      fileType: file.facts.fileType,
      detail: missing.join(', '),
    });
  }
}

function checkSets(unit: Unit): void {
  for (const f of unit.files) {
    const facts = f.facts;
    switch (facts.fileType) {
      case 'UPPLAN':
        requireFiles(unit, f, [
          ['UPSIKYU', sameMonth(facts)],
          ['UPHOSOKU', sameMonth(facts, isPlanHosoku)],
        ]);
        break;
      case 'UPSIKYU':
        requireFiles(unit, f, [
          ['UPPLAN', sameMonth(facts)],
          ['UPHOSOKU', sameMonth(facts, isPlanHosoku)],
        ]);
        break;
      case 'UPHOSOKU':
        requireFiles(
          unit,
          f,
          isCareplanHosoku(facts)
            ? [['UP1KYO'], ['UP2KYO']]
            : [
                ['UPPLAN', sameMonth(facts)],
                ['UPSIKYU', sameMonth(facts)],
              ],
        );
        break;
      case 'UP1KYO': {
        // 第3表 exists from V4 on; V3 units travel without it.
        const v4 = facts.csvVersion === null || isV4Version(facts.csvVersion);
        requireFiles(unit, f, [
          ['UP2KYO'],
          ['UPHOSOKU', isCareplanHosoku],
          ...(v4 ? [['UP3KYO'] as [FileTypeId]] : []),
        ]);
        break;
      }
      case 'UP2KYO':
      case 'UP3KYO':
        requireFiles(unit, f, [['UP1KYO']]);
        break;
      case 'UPKIHON':
        // "In principle" one 別表1 and one 別表2 file per 利用者基本情報 file.
        requireFiles(unit, f, [['UPKIHON_SUB1'], ['UPKIHON_SUB2']], true);
        break;
      case 'UPKIHON_SUB1':
      case 'UPKIHON_SUB2':
      case 'UPKIHON_IMAGE':
        requireFiles(unit, f, [['UPKIHON']]);
        break;
      case 'UPYOBO':
        requireFiles(unit, f, [['UPYOBO_SUB']], true);
        break;
      case 'UPYOBO_SUB':
        requireFiles(unit, f, [['UPYOBO']]);
        break;
      case 'UPJSK':
      case 'DLT1KYO':
      case 'DLTPLAN':
      case 'DLTJSK':
      case 'DLTKIHON':
      case 'DLTYOBO':
        break;
    }
  }
}

function checkRecordJoins(unit: Unit): void {
  for (const m of planMonths(unit)) {
    const plan = unit.first('UPPLAN', inMonth(m));
    const sikyu = unit.first('UPSIKYU', inMonth(m));
    const planHosoku = unit.first('UPHOSOKU', (f) => isPlanHosoku(f) && monthOf(f) === m);
    requireKeys(sikyu, plan, 'user+month');
    requireKeys(plan, sikyu, 'user+month');
    requireKeys(planHosoku, plan, 'user+month');
    requireKeys(plan, planHosoku, 'user+month');
  }

  const kyo1 = unit.first('UP1KYO');
  const cpHosoku = unit.first('UPHOSOKU', isCareplanHosoku);
  requireKeys(unit.first('UP2KYO'), kyo1, 'user+plan');
  requireKeys(unit.first('UP3KYO'), kyo1, 'user+plan');
  requireKeys(cpHosoku, kyo1, 'user+plan');
  requireKeys(kyo1, cpHosoku, 'user+plan');
  requireKeys(kyo1, unit.first('UP2KYO'), 'user+plan', true);

  const kihon = unit.first('UPKIHON');
  requireKeys(unit.first('UPKIHON_SUB1'), kihon, 'user+consult');
  requireKeys(unit.first('UPKIHON_SUB2'), kihon, 'user+consult');
  requireKeys(unit.first('UPYOBO_SUB'), unit.first('UPYOBO'), 'user+yoboplan');

  if (kihon) {
    const images = new Set(unit.ofType('UPKIHON_IMAGE').map((f) => f.facts.name));
    for (const name of kihon.facts.imageNames) {
      if (!images.has(name)) kihon.out.add('SET_IMAGE_MISSING', null, null, name);
    }
  }
}

const DELETE_PAIRS: readonly [FileTypeId, FileTypeId, string][] = [
  ['DLT1KYO', 'UP1KYO', 'user+plan'],
  ['DLTPLAN', 'UPPLAN', 'user+month'],
  ['DLTJSK', 'UPJSK', 'user+month+office+kind'],
  ['DLTKIHON', 'UPKIHON', 'user+consult'],
  ['DLTYOBO', 'UPYOBO', 'user+yoboplan'],
];

function checkDeletes(unit: Unit): void {
  for (const [del, up, kind] of DELETE_PAIRS) {
    // Monthly types may appear once per month in a unit: compare every pair.
    for (const d of unit.ofType(del)) {
      for (const u of unit.ofType(up)) {
        const uploaded = keysOf(u, kind);
        for (const k of keysOf(d, kind)) if (uploaded.has(k)) d.out.add('DELETE_CONFLICT', null, null, k);
      }
    }
  }
}

/** 第6表 サービス回数 per (user, office, service code, product) against 第7表 回数／日数: a warning only. */
function checkTotals(unit: Unit): void {
  for (const m of planMonths(unit))
    checkTotalsOfMonth(unit.first('UPPLAN', inMonth(m)), unit.first('UPSIKYU', inMonth(m)));
}

function checkTotalsOfMonth(plan: UnitFile | null, sikyu: UnitFile | null): void {
  if (!plan || !sikyu) return;
  const sikyuSums = new Map<string, number>();
  for (const [k, v] of sikyu.facts.sums) if (k.startsWith('7count|')) sikyuSums.set(k.slice(7), v);
  for (const [k, v] of plan.facts.sums) {
    if (!k.startsWith('6count|')) continue;
    const key = k.slice(7);
    const other = sikyuSums.get(key) ?? 0;
    if (other !== v) {
      sikyu.out.add('TOTAL_MISMATCH', null, null, key, {
        actual: other,
        expected: v,
        detail: '第7表の回数／日数と第6表のサービス回数の合計',
        detailEn: '第7表 回数／日数 and the sum of 第6表 サービス回数',
      });
    }
  }
}

export function checkBundle(analyses: readonly FileAnalysis[]): void {
  const seenNames = new Set<string>();
  for (const a of analyses) {
    if (seenNames.has(a.file.name)) a.out.add('FILE_NAME_DUPLICATE', null, null, a.file.name);
    seenNames.add(a.file.name);
  }
  const units = new Map<string, Unit>();
  for (const a of analyses) {
    if (!a.facts) continue;
    const key = unitKey(a.facts);
    if (key === null) continue;
    let unit = units.get(key);
    if (!unit) {
      unit = new Unit();
      units.set(key, unit);
    }
    unit.files.push({ analysis: a, facts: a.facts, out: a.out });
  }
  let index = 0;
  for (const unit of units.values()) {
    if (index++ > 0) for (const f of unit.files) f.out.add('BUNDLE_MULTIPLE_UNITS', null, null, null);
    // One file per type (and month, for the two uses of 補足) in a unit; images are one per 基本情報 record.
    const seen = new Set<string>();
    for (const f of unit.files) {
      if (f.facts.fileType === 'UPKIHON_IMAGE') continue;
      const k = `${f.facts.fileType}|${f.facts.parsedName?.yyyymm ?? ''}`;
      if (seen.has(k)) f.out.add('UNIT_DUPLICATE_TYPE', null, null, null, { fileType: f.facts.fileType });
      seen.add(k);
    }
    checkSets(unit);
    checkRecordJoins(unit);
    checkDeletes(unit);
    checkTotals(unit);
  }
}
