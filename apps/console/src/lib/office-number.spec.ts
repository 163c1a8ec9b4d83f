import { withOfficeCheckDigit } from '@careplan/spec/check-digit';
import { normalizeOfficeNumber, officeNumberState } from './office-number';

describe('officeNumberState', () => {
  const valid = withOfficeCheckDigit('131234567');
  const wrong = valid.slice(0, 9) + String((Number(valid[9]) + 1) % 10);

  it('tells an office number still being typed from a wrong one', () => {
    expect(officeNumberState('')).toBe('empty');
    expect(officeNumberState('13')).toBe('incomplete');
    expect(officeNumberState('131234')).toBe('incomplete');
    expect(officeNumberState('13I')).toBe('malformed');
    expect(officeNumberState('1312345678901')).toBe('malformed');
  });

  it('checks the modulus-10 check digit of a complete number', () => {
    expect(officeNumberState(valid)).toBe('valid');
    expect(officeNumberState(wrong)).toBe('check-digit');
  });

  it('accepts the letter of the third position in either case', () => {
    const lettered = withOfficeCheckDigit('13A234567');
    expect(officeNumberState(lettered.toLowerCase())).toBe('valid');
    expect(normalizeOfficeNumber(` ${lettered.toLowerCase()} `)).toBe(lettered);
  });
});
