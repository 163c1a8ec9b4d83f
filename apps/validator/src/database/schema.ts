export const VALIDATOR_SCHEMA = 'validator';
