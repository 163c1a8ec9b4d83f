import {
  insurerNumberCheckDigitValid,
  modulus10CheckDigit,
  officeNumberCheckDigitValid,
  withOfficeCheckDigit,
} from './check-digit';

describe('check digits', () => {
  it('accepts the documented example and rejects a wrong digit', () => {
    expect(modulus10CheckDigit('117120136')).toBe(9);
    expect(officeNumberCheckDigitValid('1171201369')).toBe(true);
    expect(officeNumberCheckDigitValid('1171201368')).toBe(false);
  });

  it('reads letters A=10..Z=32 skipping I, O, Q', () => {
    // A×1 = 10 → 1+0 (position 7 from the right has weight 1).
    const no = withOfficeCheckDigit('13A100011');
    expect(officeNumberCheckDigitValid(no)).toBe(true);
    expect(officeNumberCheckDigitValid(`13I10001${no.slice(8)}`)).toBe(false);
    // Z = 32 with weight 1 in position 7: a different digit from A.
    expect(withOfficeCheckDigit('13Z100011')).not.toBe(no);
  });

  it('rejects malformed office numbers', () => {
    expect(officeNumberCheckDigitValid('030000010')).toBe(false);
    expect(officeNumberCheckDigitValid('0300000100')).toBe(false); // spec dummy fails the check
    expect(officeNumberCheckDigitValid('1A71201369')).toBe(false);
  });

  it('checks insurer numbers on their first five digits', () => {
    expect(insurerNumberCheckDigitValid('435073')).toBe(true);
    expect(insurerNumberCheckDigitValid('294538')).toBe(true);
    expect(insurerNumberCheckDigitValid('131011')).toBe(true);
    expect(insurerNumberCheckDigitValid('123456')).toBe(false);
    expect(insurerNumberCheckDigitValid('43507')).toBe(false);
  });
});
