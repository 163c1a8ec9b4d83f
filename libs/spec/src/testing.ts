// Test helpers for this lib and the services that use it, imported as '@careplan/spec/testing'
// (kept out of the main entry so production code never loads fixtures).
export * from './testing/fixtures';
export { withInsurerCheckDigit, withOfficeCheckDigit } from './check-digit';
