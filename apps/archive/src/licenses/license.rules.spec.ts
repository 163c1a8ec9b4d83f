import { addMonths, fiscalYearMonths, isCalendarDate, periodEnd, todayInTokyo } from './calendar';
import {
  CampaignRule,
  effectiveState,
  matchCampaign,
  planTerm,
  renewalsUntil,
  TERM_FEE_YEN,
} from './license.rules';

const FREE_PASS: CampaignRule = {
  code: 'FREE_PASS_2025',
  nameJa: 'フリーパス',
  nameEn: 'Free pass',
  appliesFrom: '2025-06-01',
  appliesTo: '2026-05-31',
  freeMonths: 12,
  freeFrom: null,
  freeTo: null,
  priority: 100,
};
const applied = (date: string) => planTerm([FREE_PASS], { applicationDate: date, startDate: date });

describe('calendar', () => {
  it('clamps month ends and knows real days', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(periodEnd('2024-02-29', 12)).toBe('2025-02-27');
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });

  it('uses the Tokyo calendar day', () => {
    expect(todayInTokyo(new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
  });

  it('lists a fiscal year from April to March', () => {
    expect(fiscalYearMonths(2026)).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
    ]);
  });
});

describe('the free pass', () => {
  it('does not cover an application the day before it opens', () => {
    expect(applied('2025-05-31')).toMatchObject({ feeYen: TERM_FEE_YEN, campaignCode: null });
  });

  it('makes the first day free for one year', () => {
    expect(applied('2025-06-01')).toMatchObject({
      endDate: '2026-05-31',
      feeYen: 0,
      campaignCode: 'FREE_PASS_2025',
      freeUntil: '2026-05-31',
    });
  });

  it('covers the last day, free until 2027-05-30', () => {
    expect(applied('2026-05-31')).toMatchObject({ feeYen: 0, freeUntil: '2027-05-30' });
  });

  it('is over the day after', () => {
    expect(applied('2026-06-01')).toMatchObject({ feeYen: TERM_FEE_YEN, campaignCode: null });
  });

  it('charges the renewal after a free year', () => {
    const renewals = renewalsUntil([FREE_PASS], '2026-05-31', '2026-11-26');
    expect(renewals).toEqual([
      expect.objectContaining({ startDate: '2026-06-01', endDate: '2027-05-31', feeYen: TERM_FEE_YEN }),
    ]);
  });
});

describe('campaign matching', () => {
  const waiver: CampaignRule = {
    ...FREE_PASS,
    code: 'FY2027_WAIVER',
    appliesFrom: '2027-04-01',
    appliesTo: '2028-03-31',
    freeMonths: null,
    freeFrom: '2027-04-01',
    freeTo: '2028-03-31',
    priority: 50,
  };

  it('applies a fixed free period to renewals starting inside it', () => {
    const [renewal] = renewalsUntil([FREE_PASS, waiver], '2027-05-31', '2027-06-01');
    expect(renewal).toMatchObject({ startDate: '2027-06-01', feeYen: 0, campaignCode: 'FY2027_WAIVER' });
  });

  it('prefers the higher priority, then the code', () => {
    const both = { ...waiver, appliesFrom: '2025-06-01', freeFrom: '2025-06-01', priority: 100, code: 'A' };
    expect(
      matchCampaign([FREE_PASS, both], { applicationDate: '2025-07-01', startDate: '2025-07-01' })?.code,
    ).toBe('A');
  });

  it('does not free a term that starts after the window', () => {
    expect(matchCampaign([FREE_PASS], { applicationDate: '2025-06-01', startDate: '2026-06-01' })).toBeNull();
  });
});

describe('effectiveState', () => {
  const facts = { status: 'active' as const, firstStart: '2026-01-01', lastEnd: '2026-12-31' };
  it('follows the calendar and the operator', () => {
    expect(effectiveState(facts, '2025-12-31')).toBe('none');
    expect(effectiveState(facts, '2026-12-31')).toBe('active');
    expect(effectiveState(facts, '2027-01-01')).toBe('ended');
    expect(effectiveState({ ...facts, status: 'suspended' }, '2026-06-01')).toBe('suspended');
  });
});
