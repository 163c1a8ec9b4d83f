// What the register form says about an office number while it is typed. The check-digit rule itself is the one
// file of @careplan/spec that has no Node dependency (libs/spec/src/check-digit.ts), imported as is.
import { officeNumberCheckDigitValid } from '@careplan/spec/check-digit';

/** 2-digit prefecture, then a digit or a letter (not I, O, Q), then 7 digits: the last is the check digit. */
const SHAPE = /^\d{2}[0-9A-HJ-NPR-Z]\d{7}$/;
const PARTIAL = /^\d{0,2}$|^\d{2}[0-9A-HJ-NPR-Z]\d{0,7}$/;

export type OfficeNumberState = 'empty' | 'incomplete' | 'malformed' | 'check-digit' | 'valid';

export function officeNumberState(input: string): OfficeNumberState {
  const no = input.trim().toUpperCase();
  if (no === '') return 'empty';
  if (SHAPE.test(no)) return officeNumberCheckDigitValid(no) ? 'valid' : 'check-digit';
  return PARTIAL.test(no) ? 'incomplete' : 'malformed';
}

/** The office number as the API expects it (trimmed, letters in capitals). */
export function normalizeOfficeNumber(input: string): string {
  return input.trim().toUpperCase();
}
