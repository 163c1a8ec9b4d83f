import { Matches, ValidateIf } from 'class-validator';

/**
 * For request bodies: like IsOptional, but only an absent property skips validation. An explicit `null`
 * is checked (and refused) like any other value, instead of reaching a NOT NULL column or `?? default`
 * logic as "given".
 */
export const OptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Names, labels and search words typed by people: no control characters (PostgreSQL text cannot hold NUL). */
export const NoControlCharacters = (): PropertyDecorator =>
  // eslint-disable-next-line no-control-regex
  Matches(/^[^\u0000-\u001f\u007f]*$/, { message: '$property must not contain control characters' });
