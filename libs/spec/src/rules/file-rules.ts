// Rules across the records of one file (docs/standard/record-layouts.md, docs/standard/bundles.md): months that must agree with the file name,
// 第7表 summary rows, 第2表 order, one office/kind per 実績 file; and the facts the bundle rules need.
import { daysInMonth, isRealMonth } from '../dates';
import type { ColumnSpec } from '../spec-data';
import { addKey, addSum, type FileRuleEnv, type FileRules } from './rule-types';

type Getter = (fields: readonly string[]) => string;

function getter(env: FileRuleEnv, key: string): Getter {
  const i = env.layout.index[key];
  return i === undefined ? () => '' : (fields) => fields[i] ?? '';
}

function column(env: FileRuleEnv, key: string): ColumnSpec | null {
  const i = env.layout.index[key];
  return i === undefined ? null : env.layout.columns[i];
}

/** Join key of a record: values separated by '|'. */
export function joinKey(...parts: string[]): string {
  return parts.join('|');
}

const EQUIPMENT_KINDS = new Set(['17', '67']);
// Service kinds outside the exchange (docs/standard/identifiers.md#services-in-scope), leaving out those the reconstructed table is unsure of
// (27/28/33/36/38, 68/73/77/79): a warning, the table being read from a column-shifted source.
const OUT_OF_SCOPE_KINDS = new Set([
  '32',
  '41',
  '42',
  '51',
  '52',
  '53',
  '54',
  '59',
  '81',
  '35',
  '37',
  '44',
  '45',
]);
const SUMMARY_SUFFIX = /^[0-9A-Z]{2}(AAAA|EEEE|ZZZZ)$/;
const GRAND_TOTAL_CODE = '999999';
const GRAND_TOTAL_OFFICE = '9999999999';

function toInt(v: string): number | null {
  return /^-?\d+$/.test(v) ? Number(v) : null;
}

/** The record month must equal the YYYYMM of the file name. */
function monthRule(env: FileRuleEnv, key: string): (fields: readonly string[], row: number) => void {
  const expected = env.parsedName?.yyyymm ?? null;
  const get = getter(env, key);
  const col = column(env, key);
  if (expected === null || !isRealMonth(expected)) return () => undefined;
  return (fields, row) => {
    const v = get(fields);
    if (v !== '' && v !== expected) env.out.add('MONTH_MISMATCH', row, col, v, { expected });
  };
}

function userKeyRule(env: FileRuleEnv, kind: string, dateKey: string): (fields: readonly string[]) => string {
  const insurer = getter(env, 'insurerNo');
  const insured = getter(env, 'insuredNo');
  const third = getter(env, dateKey);
  return (fields) => {
    const k = joinKey(insurer(fields), insured(fields), third(fields));
    addKey(env.facts, kind, k);
    return k;
  };
}

function dailyPlanRules(env: FileRuleEnv): FileRules {
  const { out, facts } = env;
  const month = monthRule(env, 'targetYm');
  const userKey = userKeyRule(env, 'user+month', 'targetYm');
  const targetYm = getter(env, 'targetYm');
  const serviceDate = getter(env, 'serviceDate');
  const proration = getter(env, 'prorationDays');
  const serviceCode = getter(env, 'serviceCode');
  const tais = getter(env, 'taisCode');
  const notified = getter(env, 'equipmentNotifiedCode');
  const office = getter(env, 'serviceOfficeNo');
  const count = getter(env, 'count');
  const codeCol = column(env, 'serviceCode');
  const hasEquipmentItems = env.layout.index.taisCode !== undefined;
  const isJisseki = env.spec.id === 'UPJSK';
  const sender = env.parsedName?.senderOfficeNumber ?? null;
  const units = new Map<string, number>();
  let officeWarned = false;
  return {
    onRecord(fields, row) {
      month(fields, row);
      const user = userKey(fields);
      const ym = targetYm(fields);
      const date = serviceDate(fields);
      if (isRealMonth(ym) && /^\d{8}$/.test(date) && !date.startsWith(ym)) {
        out.add('SERVICE_DATE_OUTSIDE_MONTH', row, column(env, 'serviceDate'), date, { expected: ym });
      }
      const flags = proration(fields);
      if (flags.length === 31 && isRealMonth(ym)) {
        const last = daysInMonth(Number(ym.slice(0, 4)), Number(ym.slice(4)));
        const beyond = flags.indexOf('1', last);
        if (beyond >= 0)
          out.add('PRORATION_DAY_OUTSIDE_MONTH', row, column(env, 'prorationDays'), flags, {
            detail: beyond + 1,
          });
      }
      const code = serviceCode(fields);
      const kind = code.slice(0, 2);
      if (OUT_OF_SCOPE_KINDS.has(kind)) out.add('SERVICE_KIND_OUT_OF_SCOPE', row, codeCol, code);
      // Add-on codes of 福祉用具貸与 carry no product: the "one of the two codes" rule is read as a warning.
      if (hasEquipmentItems && EQUIPMENT_KINDS.has(kind) && tais(fields) === '' && notified(fields) === '') {
        out.add('TAIS_MISSING', row, null, code);
      }
      const off = office(fields);
      const n = toInt(count(fields));
      if (n !== null) addSum(facts, '6count', joinKey(user, off, code, tais(fields) || notified(fields)), n);
      if (isJisseki) {
        addKey(facts, 'user+month+office+kind', joinKey(user, off, kind));
        const unit = `${off}/${kind}`;
        if (!units.has(unit)) units.set(unit, row);
        if (!officeWarned && sender !== null && off !== '' && off !== sender) {
          officeWarned = true;
          out.add('JSK_OFFICE_MISMATCH', row, column(env, 'serviceOfficeNo'), off, { expected: sender });
        }
      }
    },
    finish() {
      // 実績 is sent per (office number, service kind); satellites share the office number.
      if (units.size > 1) out.add('UNIT_MIXED', null, null, null, { detail: [...units.keys()].join(', ') });
    },
  };
}

interface UserTotals {
  grandTotals: number;
  detailRowsByKind: Map<string, number>;
  subtotalKinds: Set<string>;
}

function sikyuRules(env: FileRuleEnv): FileRules {
  const { out, facts } = env;
  const month = monthRule(env, 'targetYm');
  const userKey = userKeyRule(env, 'user+month', 'targetYm');
  const code = getter(env, 'serviceCode');
  const office = getter(env, 'serviceOfficeNo');
  const units = getter(env, 'units');
  const rate = getter(env, 'discountRate');
  const discounted = getter(env, 'discountedUnits');
  const count = getter(env, 'countOrDays');
  const amount = getter(env, 'serviceUnitsAmount');
  const tais = getter(env, 'taisCode');
  const notified = getter(env, 'equipmentNotifiedCode');
  const hasEquipmentItems = env.layout.index.taisCode !== undefined;
  const codeCol = column(env, 'serviceCode');
  const users = new Map<string, UserTotals>();
  const mustBe = (row: number, key: string, v: string, expected: string, expectedEn: string): void => {
    out.add('SUMMARY_ROW_INVALID', row, column(env, key), v, { expected, expectedEn });
  };
  return {
    onRecord(fields, row) {
      month(fields, row);
      const user = userKey(fields);
      let totals = users.get(user);
      if (!totals) {
        totals = { grandTotals: 0, detailRowsByKind: new Map(), subtotalKinds: new Set() };
        users.set(user, totals);
      }
      const c = code(fields);
      const isGrand = c === GRAND_TOTAL_CODE;
      if (OUT_OF_SCOPE_KINDS.has(c.slice(0, 2))) out.add('SERVICE_KIND_OUT_OF_SCOPE', row, codeCol, c);
      if (isGrand || SUMMARY_SUFFIX.test(c)) {
        // 単位数 is fixed 0 and 割引後率/割引後単位数 Null on 種類別小計 and 全合計 rows (docs/standard/record-layouts.md#upsikyu-第7表).
        if (units(fields) !== '0') mustBe(row, 'units', units(fields), '0', '0');
        if (rate(fields) !== '') mustBe(row, 'discountRate', rate(fields), '空（Null）', 'empty');
        if (discounted(fields) !== '')
          mustBe(row, 'discountedUnits', discounted(fields), '空（Null）', 'empty');
        if (isGrand) {
          totals.grandTotals++;
          if (office(fields) !== GRAND_TOTAL_OFFICE) {
            mustBe(row, 'serviceOfficeNo', office(fields), GRAND_TOTAL_OFFICE, GRAND_TOTAL_OFFICE);
          }
        } else if (c.endsWith('AAAA')) {
          totals.subtotalKinds.add(c.slice(0, 2));
        }
        return;
      }
      const kind = c.slice(0, 2);
      totals.detailRowsByKind.set(kind, (totals.detailRowsByKind.get(kind) ?? 0) + 1);
      // As on 第6表: one of TAISコード/福祉用具届出コード for 17/67 (No.10/11), a warning (add-ons carry none).
      if (hasEquipmentItems && EQUIPMENT_KINDS.has(kind) && tais(fields) === '' && notified(fields) === '') {
        out.add('TAIS_MISSING', row, null, c);
      }
      const n = toInt(count(fields));
      if (n !== null)
        addSum(facts, '7count', joinKey(user, office(fields), c, tais(fields) || notified(fields)), n);
      // サービス単位/金額 = (割引後)単位数 × 回数: not stated as a rule, so a warning at most.
      const u = toInt(discounted(fields)) ?? toInt(units(fields));
      const a = toInt(amount(fields));
      if (u !== null && n !== null && a !== null && u * n !== a) {
        out.add('AMOUNT_MISMATCH', row, column(env, 'serviceUnitsAmount'), amount(fields), {
          expected: u * n,
        });
      }
    },
    finish() {
      for (const [user, t] of users) {
        if (t.grandTotals === 0) out.add('SUMMARY_TOTAL_MISSING', null, null, user);
        else if (t.grandTotals > 1) out.add('SUMMARY_TOTAL_DUPLICATE', null, null, user);
        for (const [kind, rows] of t.detailRowsByKind) {
          if (rows > 1 && !t.subtotalKinds.has(kind))
            out.add('SUBTOTAL_MISSING', null, null, user, { detail: kind });
        }
      }
    },
  };
}

function hosokuRules(env: FileRuleEnv): FileRules {
  const { out, facts } = env;
  const nameMonth = env.parsedName?.yyyymm ?? null;
  const insurer = getter(env, 'insurerNo');
  const insured = getter(env, 'insuredNo');
  const planDate = getter(env, 'planCreatedDate');
  const targetYm = getter(env, 'targetYm');
  const targetCol = column(env, 'targetYm');
  const planCol = column(env, 'planCreatedDate');
  return {
    onRecord(fields, row) {
      const ym = targetYm(fields);
      const pd = planDate(fields);
      // Two purposes, one layout: month 000000 links to 第1表 (by plan date), a month to 第6表/第7表.
      if (ym === '000000') addKey(facts, 'user+plan', joinKey(insurer(fields), insured(fields), pd));
      else addKey(facts, 'user+month', joinKey(insurer(fields), insured(fields), ym));
      if (nameMonth === null) return;
      if (ym !== '' && ym !== nameMonth)
        out.add('MONTH_MISMATCH', row, targetCol, ym, { expected: nameMonth });
      if (nameMonth === '000000' && pd === '00000000') {
        out.add('HOSOKU_LINK_INCONSISTENT', row, planCol, pd, {
          detail: '第1表',
          detailEn: '第1表: a real plan date is needed',
        });
      } else if (nameMonth !== '000000' && pd !== '' && pd !== '00000000') {
        out.add('HOSOKU_LINK_INCONSISTENT', row, planCol, pd, {
          detail: '第6表・第7表（00000000）',
          detailEn: '第6表/第7表: 00000000 expected',
        });
      }
    },
    finish() {},
  };
}

function careplan2Rules(env: FileRuleEnv): FileRules {
  const userKey = userKeyRule(env, 'user+plan', 'planCreatedDate');
  const nums = ['issueNo', 'goalNo', 'supportNo'].map((k) => getter(env, k));
  const last = new Map<string, number[]>();
  return {
    onRecord(fields, row) {
      const user = userKey(fields);
      const values = nums.map((g) => toInt(g(fields)));
      if (values.some((v) => v === null)) return;
      const tuple = values as number[];
      const prev = last.get(user);
      // Records sort by 課題NO → 援助目標NO → 援助内容NO, the printed order (docs/standard/record-layouts.md#up2kyo-第2表).
      if (prev) {
        const cmp = tuple[0] - prev[0] || tuple[1] - prev[1] || tuple[2] - prev[2];
        if (cmp < 0) env.out.add('ROW_ORDER', row, null, tuple.join('-'));
      }
      last.set(user, tuple);
    },
    finish() {},
  };
}

function keyOnly(env: FileRuleEnv, kind: string, dateKey: string, monthKey: string | null = null): FileRules {
  const userKey = userKeyRule(env, kind, dateKey);
  const month = monthKey ? monthRule(env, monthKey) : null;
  return {
    onRecord(fields, row) {
      userKey(fields);
      month?.(fields, row);
    },
    finish() {},
  };
}

function deleteJissekiRules(env: FileRuleEnv): FileRules {
  const month = monthRule(env, 'deleteYm');
  const insurer = getter(env, 'insurerNo');
  const insured = getter(env, 'insuredNo');
  const ym = getter(env, 'deleteYm');
  const office = getter(env, 'serviceOfficeNo');
  const kind = getter(env, 'serviceKind');
  const sender = env.parsedName?.senderOfficeNumber ?? null;
  return {
    onRecord(fields, row) {
      month(fields, row);
      addKey(
        env.facts,
        'user+month+office+kind',
        joinKey(insurer(fields), insured(fields), ym(fields), office(fields), kind(fields)),
      );
      const off = office(fields);
      if (sender !== null && off !== '' && off !== sender) {
        env.out.add('JSK_OFFICE_MISMATCH', row, column(env, 'serviceOfficeNo'), off, { expected: sender });
      }
    },
    finish() {},
  };
}

function kihonRules(env: FileRuleEnv): FileRules {
  const userKey = userKeyRule(env, 'user+consult', 'consultDate');
  const image = getter(env, 'familyImageFile');
  return {
    onRecord(fields) {
      userKey(fields);
      const name = image(fields);
      if (name !== '') env.facts.imageNames.add(name);
    },
    finish() {},
  };
}

/** The rules of the file's type, fed with every record whose column count is right. */
export function createFileRules(env: FileRuleEnv): FileRules | null {
  switch (env.spec.id) {
    case 'UPPLAN':
    case 'UPJSK':
      return dailyPlanRules(env);
    case 'UPSIKYU':
      return sikyuRules(env);
    case 'UPHOSOKU':
      return hosokuRules(env);
    case 'UP2KYO':
      return careplan2Rules(env);
    case 'UP1KYO':
    case 'UP3KYO':
    case 'DLT1KYO':
      return keyOnly(env, 'user+plan', 'planCreatedDate');
    case 'DLTPLAN':
      return keyOnly(env, 'user+month', 'deleteYm', 'deleteYm');
    case 'DLTJSK':
      return deleteJissekiRules(env);
    case 'UPKIHON':
      return kihonRules(env);
    case 'DLTKIHON':
    case 'UPKIHON_SUB1':
    case 'UPKIHON_SUB2':
      return keyOnly(env, 'user+consult', 'consultDate');
    case 'UPYOBO':
    case 'DLTYOBO':
    case 'UPYOBO_SUB':
      return keyOnly(env, 'user+yoboplan', 'planCreatedDate');
    case 'UPKIHON_IMAGE':
      return null;
  }
}
