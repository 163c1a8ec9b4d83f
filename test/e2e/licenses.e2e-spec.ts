import { decodeMs932 } from '@careplan/spec';
import { readState } from './support/state';
import { runTool, toolEnv } from './support/system';
import { createAdmin, createPrefectureOperator, officeNo, ops, registerLicensed } from './support/ops';

interface Term {
  termNo: number;
  startDate: string;
  endDate: string;
  feeYen: number;
  campaignCode: string | null;
  freeUntil: string | null;
}
interface License {
  state: string;
  validUntil: string;
  terms: Term[];
}
interface Totals {
  lines: number;
  billed: number;
  exempted: number;
  amountYen: number;
  byMethod: Record<string, { count: number; amountYen: number }>;
}
interface Statement {
  prefecture: string;
  month: string;
  revision: number;
  contentHash: string;
  lines: { officeNumber: string; amountYen: number; campaignCode: string | null; billingMethod: string }[];
  totals: Totals;
}

// Prefecture 46 (鹿児島) belongs to this file.
const office = (serial: string) => officeNo(`4612${serial}`);
async function apply(token: string, no: string, date: string, extra: Record<string, unknown> = {}) {
  const body = await registerLicensed(token, no, `鹿児島 ${no}`, {
    startDate: date,
    applicationDate: date,
    ...extra,
  });
  return body as unknown as License;
}

describe('licenses, campaigns and billing', () => {
  let admin: string;
  const BEFORE = office('00001');
  const FIRST_DAY = office('00002');
  const LAST_DAY = office('00003');
  const AFTER = office('00004');
  const APPLIED_IN_MAY = office('00005');

  beforeAll(() => {
    admin = createAdmin('料金 担当');
  });

  it('applies the free pass by application date, edges included', async () => {
    const before = await apply(admin, BEFORE, '2025-05-31', { autoRenew: false });
    expect(before.terms).toEqual([
      expect.objectContaining({
        startDate: '2025-05-31',
        endDate: '2026-05-30',
        feeYen: 21000,
        campaignCode: null,
      }),
    ]);
    expect(before.state).toBe('ended');

    const first = await apply(admin, FIRST_DAY, '2025-06-01');
    expect(first.terms[0]).toMatchObject({
      startDate: '2025-06-01',
      endDate: '2026-05-31',
      feeYen: 0,
      campaignCode: 'FREE_PASS_2025',
      freeUntil: '2026-05-31',
    });
    // Auto-renewal brought it up to today: the renewal after the free year is paid.
    expect(first.terms[1]).toMatchObject({
      termNo: 2,
      startDate: '2026-06-01',
      feeYen: 21000,
      campaignCode: null,
    });
    expect(first.state).toBe('active');

    const last = await apply(admin, LAST_DAY, '2026-05-31');
    expect(last.terms[0]).toMatchObject({
      feeYen: 0,
      campaignCode: 'FREE_PASS_2025',
      freeUntil: '2027-05-30',
    });

    const after = await apply(admin, AFTER, '2026-06-01', { billingMethod: 'invoice' });
    expect(after.terms[0]).toMatchObject({ feeYen: 21000, campaignCode: null });

    const may = await apply(admin, APPLIED_IN_MAY, '2026-06-01', { applicationDate: '2026-05-20' });
    expect(may.terms[0]).toMatchObject({
      feeYen: 0,
      campaignCode: 'FREE_PASS_2025',
      freeUntil: '2027-05-19',
    });
  });

  it('bills the month per prefecture, the same statement on every re-run, in JSON and CSV', async () => {
    const path = '/ops/v1/billing/statements?prefecture=46&month=2026-06';
    const first = await ops<Statement>(admin, 'GET', path);
    expect(first.status).toBe(200);
    expect(
      first.body.lines.map((l) => [l.officeNumber, l.amountYen, l.campaignCode, l.billingMethod]),
    ).toEqual([
      [FIRST_DAY, 21000, null, 'deduction'],
      [AFTER, 21000, null, 'invoice'],
      [APPLIED_IN_MAY, 0, 'FREE_PASS_2025', 'deduction'],
    ]);
    expect(first.body.totals).toEqual({
      lines: 3,
      billed: 2,
      exempted: 1,
      amountYen: 42000,
      byMethod: { deduction: { count: 2, amountYen: 21000 }, invoice: { count: 1, amountYen: 21000 } },
    });
    const again = await ops<Statement>(admin, 'GET', path);
    expect(again.body).toEqual(first.body);
    expect(again.body.revision).toBe(1);

    const csv = await ops(admin, 'GET', `${path}&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '事業所番号,事業所名,期,期間開始,期間終了,請求方法,金額（円）,キャンペーン,免除理由',
    );
    expect(text).toContain(
      `${APPLIED_IN_MAY},鹿児島 ${APPLIED_IN_MAY},1,2026-06-01,2027-05-31,介護給付費から天引き,0,FREE_PASS_2025,`,
    );
    expect(text).toContain('合計,,,,,,42000,,\r\n');
    expect((await ops(admin, 'GET', `${path}&format=csv`)).bytes.equals(csv.bytes)).toBe(true);
    const sjis = await ops(admin, 'GET', `${path}&format=csv&encoding=ms932`);
    expect(decodeMs932(sjis.bytes)).toBe(text);
  });

  it('sums the fiscal year from April to March', async () => {
    const res = await ops<{ months: (Totals & { month: string })[]; totals: Totals }>(
      admin,
      'GET',
      '/ops/v1/billing/annual?prefecture=46&fiscalYear=2026',
    );
    expect(res.body.months.map((m) => m.month)).toHaveLength(12);
    expect(res.body.months[0].month).toBe('2026-04');
    expect(res.body.months.find((m) => m.month === '2026-05')).toMatchObject({
      lines: 1,
      exempted: 1,
      amountYen: 0,
    });
    expect(res.body.months.find((m) => m.month === '2026-06')).toMatchObject({ lines: 3, amountYen: 42000 });
    expect(res.body.totals).toMatchObject({ lines: 4, amountYen: 42000 });
  });

  it('takes a new campaign as data, without a code change', async () => {
    const waiver = {
      code: 'FY2027_WAIVER',
      nameJa: '令和9年度 利用料免除',
      nameEn: 'FY2027 fee waiver',
      appliesFrom: '2027-04-01',
      appliesTo: '2028-03-31',
      freeFrom: '2027-04-01',
      freeTo: '2028-03-31',
      priority: 50,
    };
    const operator = await createPrefectureOperator(admin, '鹿児島', '46');
    expect((await ops<{ code: string }>(operator, 'POST', '/ops/v1/campaigns', waiver)).body.code).toBe(
      'OPS_ROLE',
    );
    expect((await ops(admin, 'POST', '/ops/v1/campaigns', waiver)).status).toBe(201);
    expect((await ops<{ code: string }>(admin, 'POST', '/ops/v1/campaigns', waiver)).body.code).toBe(
      'CAMPAIGN_EXISTS',
    );

    const future = await apply(operator, office('00006'), '2027-04-10');
    expect(future.state).toBe('none');
    expect(future.terms[0]).toMatchObject({
      feeYen: 0,
      campaignCode: 'FY2027_WAIVER',
      freeUntil: '2028-03-31',
    });
  });

  it('seeds an office with a license from today (with --campaign none: paid whatever the campaigns)', async () => {
    const no = office('00007');
    const out = runTool('seed', [no, '鹿児島 シード事業所', '--campaign', 'none'], toolEnv(readState()));
    const seeded = JSON.parse(out) as Record<string, string>;
    expect(Object.keys(seeded)).toEqual(['officeNumber', 'apiKey']);
    expect(seeded.officeNumber).toBe(no);
    const license = await ops<License>(admin, 'GET', `/ops/v1/offices/${no}/license`);
    expect(license.body.state).toBe('active');
    expect(license.body.terms).toEqual([
      expect.objectContaining({ termNo: 1, feeYen: 21000, campaignCode: null }),
    ]);
    // Seeding again finds the office and its license, and issues another key.
    const again = JSON.parse(runTool('seed', [no], toolEnv(readState()))) as Record<string, string>;
    expect(again.apiKey).not.toBe(seeded.apiKey);
    expect((await ops<License>(admin, 'GET', `/ops/v1/offices/${no}/license`)).body.terms).toHaveLength(1);
  });

  it('keeps the first statement and adds a revision when the month changed afterwards', async () => {
    const path = '/ops/v1/billing/statements?prefecture=46&month=2026-06';
    const before = await ops<Statement>(admin, 'GET', path);
    await apply(admin, office('00008'), '2026-06-15', { applicationDate: '2026-06-10' });
    const after = await ops<Statement>(admin, 'GET', path);
    expect(after.body.revision).toBe(before.body.revision + 1);
    expect(after.body.contentHash).not.toBe(before.body.contentHash);
    expect(after.body.totals).toMatchObject({ lines: 4, amountYen: 63000 });
    expect((await ops<Statement>(admin, 'GET', path)).body).toEqual(after.body);
  });
});
