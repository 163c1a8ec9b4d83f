import { containsPattern, prefixPattern } from './like';

describe('LIKE patterns of typed text', () => {
  it('matches the text literally, its wildcards and backslashes escaped', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
    expect(prefixPattern('office.')).toBe('office.%');
    expect(prefixPattern('a_b')).toBe('a\\_b%');
  });
});
