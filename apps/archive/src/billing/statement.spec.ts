import { decodeMs932 } from '@careplan/spec';
import { buildStatement, contentHash, encodeCsv, StatementTerm, statementCsv } from './statement';

const term = (officeNumber: string, over: Partial<StatementTerm> = {}): StatementTerm => ({
  officeNumber,
  officeName: `事業所 ${officeNumber}`,
  termNo: 1,
  startDate: '2026-06-01',
  endDate: '2027-05-31',
  feeYen: 21000,
  billingMethod: 'deduction',
  campaignCode: null,
  freeUntil: null,
  ...over,
});
const campaigns = [{ code: 'FREE_PASS_2025', nameJa: 'フリーパス', nameEn: 'Free pass' }];

describe('buildStatement', () => {
  const terms = [
    term('4712000002', { billingMethod: 'invoice' }),
    term('4711000003', { feeYen: 0, campaignCode: 'FREE_PASS_2025', freeUntil: '2027-05-30' }),
    term('4710000004'),
  ];

  it('lists terms in office-number order with totals per method and exemptions', () => {
    const s = buildStatement('47', '2026-06', terms, campaigns);
    expect(s.lines.map((l) => l.officeNumber)).toEqual(['4710000004', '4711000003', '4712000002']);
    expect(s.lines[1]).toMatchObject({
      amountYen: 0,
      campaignCode: 'FREE_PASS_2025',
      exemptionReason: { ja: 'フリーパスにより2027-05-30まで無料', en: 'Free pass: free until 2027-05-30' },
    });
    expect(s.totals).toEqual({
      lines: 3,
      billed: 2,
      exempted: 1,
      amountYen: 42000,
      byMethod: { deduction: { count: 2, amountYen: 21000 }, invoice: { count: 1, amountYen: 21000 } },
    });
  });

  it('is deterministic whatever the input order', () => {
    const a = buildStatement('47', '2026-06', terms, campaigns);
    const b = buildStatement('47', '2026-06', [...terms].reverse(), campaigns);
    expect(contentHash(a)).toBe(contentHash(b));
  });

  it('keeps a spreadsheet from running an office name as a formula (CSV injection)', () => {
    const csv = statementCsv(
      buildStatement('47', '2026-06', [term('4710000004', { officeName: '=1+2' })], campaigns),
    );
    expect(csv.split('\r\n')[1]).toContain(",'=1+2,");
  });

  it('writes CSV with a total row, as UTF-8 with BOM or MS932', () => {
    const csv = statementCsv(buildStatement('47', '2026-06', terms, campaigns));
    expect(csv.split('\r\n')[0]).toBe(
      '事業所番号,事業所名,期,期間開始,期間終了,請求方法,金額（円）,キャンペーン,免除理由',
    );
    expect(csv).toContain('合計,,,,,,42000,,\r\n');
    expect([...encodeCsv(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeMs932(encodeCsv(csv, 'ms932'))).toBe(csv);
  });

  it('writes 〓 in MS932 for a character MS932 cannot hold, like the history export', () => {
    const csv = statementCsv(
      buildStatement('47', '2026-06', [term('4710000004', { officeName: '介護😀ステーション' })], campaigns),
    );
    expect(decodeMs932(encodeCsv(csv, 'ms932'))).toContain(',介護〓ステーション,');
    expect(encodeCsv(csv, 'utf8').toString('utf8')).toContain('介護😀ステーション');
  });
});
