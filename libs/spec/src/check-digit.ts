// Modulus-10 check digits of office and insurer numbers (docs/standard/identifiers.md#check-digit-modulus-10).
// The care-plan standard defines no check itself, so callers report failures as warnings.

const OFFICE_NO = /^\d{2}[0-9A-HJ-NPR-Z]\d{7}$/;
const INSURER_NO = /^\d{6}$/;
// A=10 … Z=32, skipping I, O and Q.
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

function charValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  const i = LETTERS.indexOf(ch);
  return i < 0 ? -1 : 10 + i;
}

function digitSum(n: number): number {
  let s = 0;
  for (let v = n; v > 0; v = Math.floor(v / 10)) s += v % 10;
  return s;
}

/** Check digit of the given body: weights 2,1,2,1… from the rightmost character, digits of each product summed. */
export function modulus10CheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, weight = 2; i >= 0; i--, weight = weight === 2 ? 1 : 2) {
    const v = charValue(body[i]);
    if (v < 0) return -1;
    sum += digitSum(v * weight);
  }
  return (10 - (sum % 10)) % 10;
}

export function officeNumberCheckDigitValid(no: string): boolean {
  if (!OFFICE_NO.test(no)) return false;
  return modulus10CheckDigit(no.slice(0, 9)) === no.charCodeAt(9) - 48;
}

export function insurerNumberCheckDigitValid(no: string): boolean {
  if (!INSURER_NO.test(no)) return false;
  return modulus10CheckDigit(no.slice(0, 5)) === no.charCodeAt(5) - 48;
}

/** Appends the check digit to a 9-character office-number body (fixtures and tests). */
export function withOfficeCheckDigit(body9: string): string {
  return body9 + String(modulus10CheckDigit(body9));
}

/** Appends the check digit to a 5-digit insurer-number body. */
export function withInsurerCheckDigit(body5: string): string {
  return body5 + String(modulus10CheckDigit(body5));
}
