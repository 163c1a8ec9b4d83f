import { canSeeOffice, OperatorContext, prefectureFilter, requiredPrefecture } from './operator-scope';

const central: OperatorContext = { id: 'c', name: 'central', role: 'central', prefecture: null };
const tokyo: OperatorContext = { id: 't', name: 'tokyo', role: 'prefecture', prefecture: '13' };

describe('operator scope', () => {
  it('lets a prefecture operator see only its prefecture', () => {
    expect(canSeeOffice(tokyo, '1371201367')).toBe(true);
    expect(canSeeOffice(tokyo, '2771201367')).toBe(false);
    expect(canSeeOffice(central, '2771201367')).toBe(true);
  });

  it('defaults lists to the own prefecture and refuses an explicit other one', () => {
    expect(prefectureFilter(tokyo)).toBe('13');
    expect(() => prefectureFilter(tokyo, '27')).toThrow(expect.objectContaining({ code: 'OPS_SCOPE' }));
    expect(prefectureFilter(central)).toBeNull();
  });

  it('needs a prefecture for a central report', () => {
    expect(() => requiredPrefecture(central)).toThrow(
      expect.objectContaining({ code: 'PREFECTURE_REQUIRED' }),
    );
    expect(requiredPrefecture(central, '27')).toBe('27');
  });
});
