import { AppException } from '@careplan/platform';
import { parseHistoryFilter } from './history.filter';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppException ? `${e.code}:${String(e.extra.parameter)}` : 'other';
  }
}

describe('parseHistoryFilter', () => {
  it('reads a date alone as that whole day in Japan time', () => {
    const f = parseHistoryFilter({ from: '2026-11-01', to: '2026-11-30' });
    expect(f.from?.toISOString()).toBe('2026-10-31T15:00:00.000Z');
    expect(f.before?.toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });

  it('takes timestamps with a zone as inclusive instants', () => {
    const f = parseHistoryFilter({ from: '2026-11-01T10:00:00+09:00', to: '2026-11-01T02:00:00.500Z' });
    expect(f.from?.toISOString()).toBe('2026-11-01T01:00:00.000Z');
    expect(f.before?.toISOString()).toBe('2026-11-01T02:00:00.501Z');
  });

  it('refuses timestamps without a zone, impossible dates and a period that ends before it starts', () => {
    expect(codeOf(() => parseHistoryFilter({ from: '2026-11-01T10:00' }))).toBe(
      'HISTORY_FILTER_INVALID:from',
    );
    expect(codeOf(() => parseHistoryFilter({ to: '2026-02-30' }))).toBe('HISTORY_FILTER_INVALID:to');
    expect(codeOf(() => parseHistoryFilter({ from: '2026-11-02', to: '2026-11-01' }))).toBe(
      'HISTORY_FILTER_INVALID:to',
    );
  });

  it('accepts one or several events and refuses unknown ones', () => {
    expect(parseHistoryFilter({ event: 'sent, received,sent' }).events).toEqual(['sent', 'received']);
    expect(codeOf(() => parseHistoryFilter({ event: 'sent,lost' }))).toBe('HISTORY_FILTER_INVALID:event');
  });

  it('knows the standard file types, in any case', () => {
    expect(parseHistoryFilter({ fileType: 'upplan' }).fileType).toBe('UPPLAN');
    expect(codeOf(() => parseHistoryFilter({ fileType: 'UPNOTHING' }))).toBe(
      'HISTORY_FILTER_INVALID:fileType',
    );
  });

  it('checks the counterpart office number and the 被保険者番号', () => {
    expect(parseHistoryFilter({ counterpart: '1371500420', insuredNo: 'H123456789' })).toEqual({
      counterpart: '1371500420',
      insuredNo: 'H123456789',
    });
    expect(codeOf(() => parseHistoryFilter({ counterpart: '13715' }))).toBe(
      'HISTORY_FILTER_INVALID:counterpart',
    );
    expect(codeOf(() => parseHistoryFilter({ insuredNo: "1' OR 1=1" }))).toBe(
      'HISTORY_FILTER_INVALID:insuredNo',
    );
  });
});
