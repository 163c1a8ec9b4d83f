import { ValidateIf } from 'class-validator';

/**
 * For request bodies: like IsOptional, but only an absent property skips validation. An explicit `null`
 * is checked (and refused) like any other value, instead of reaching a NOT NULL column or `?? default`
 * logic as "given".
 */
export const OptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
